package io.anju.sim.behaviour;

/** Mutable state of one charging port. */
final class ChargerPort {
    final int no;
    String state = "idle";
    ChargeCurve curve;
    long sessionStartMs;
    long fullSinceMs;
    double energyWh;
    double powerW;
    double voltageV;
    double tempC;
    int limitW;
    /** Stopped by a {@code stop_port} command: no new session until {@code resume_port}. */
    boolean stopped;
    /** The current session is an injected fault's, not an e-bike's. */
    boolean faultSession;
    boolean overcurrentReported;
    boolean overtempReported;
    /** When an injected thermal runaway started to smoke; 0 when it has not. */
    long smokeSinceMs;

    ChargerPort(int no, int limitW, double ambientC) {
        this.no = no;
        this.limitW = limitW;
        this.tempC = ambientC;
    }

    boolean busy() {
        return "charging".equals(state) || "full".equals(state);
    }

    void startSession(ChargeCurve c, long t, double packVoltage) {
        state = "charging";
        curve = c;
        sessionStartMs = t;
        energyWh = 0;
        voltageV = packVoltage;
        overcurrentReported = false;
    }

    void endSession() {
        state = "idle";
        curve = null;
        powerW = 0;
        voltageV = 0;
        energyWh = 0;
    }
}
