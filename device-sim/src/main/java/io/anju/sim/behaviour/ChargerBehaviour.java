package io.anju.sim.behaviour;

import io.anju.common.model.ChargerSpec;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.topic.MqttTopics;
import io.anju.sim.clock.DayProfile;
import io.anju.sim.clock.Scenario;
import io.anju.sim.fault.FaultKind;
import io.anju.sim.fault.FaultSpec;
import io.anju.sim.payload.Payloads;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.anju.sim.payload.Payloads.r1;

/**
 * An e-bike charging station: plug-ins follow the evening peak (18:00–23:00), each session follows a
 * {@link ChargeCurve}, telemetry every 30 s while any port is busy and every 90 s otherwise, device-side alarm
 * events (full, unplugged, overcurrent, overtemp, smoke, leakage) and the injected electrical faults.
 */
public final class ChargerBehaviour extends DeviceBehaviour {
    public static final long STEP_MS = 10_000;
    public static final long BUSY_INTERVAL_MS = 30_000;
    public static final long IDLE_INTERVAL_MS = 90_000;
    static final double OVERTEMP_C = 65.0;
    static final double LEAKAGE_FAULT_MA = 30.0;

    /** Plug-ins per idle port per hour, by local hour: quiet nights, a small lunch bump, the evening peak. */
    static final DayProfile PLUG_INS = DayProfile.of(
            0.02, 0.01, 0.01, 0.005, 0.005, 0.005, 0.01, 0.03, 0.04, 0.03, 0.03, 0.04,
            0.08, 0.06, 0.04, 0.04, 0.05, 0.10, 0.30, 0.40, 0.45, 0.40, 0.30, 0.12);

    private final ChargerSpec spec;
    private final List<ChargerPort> ports = new ArrayList<>();
    private final DayProfile plugIns;
    private final double ambientC;
    private double leakageMa;
    private boolean smoke;
    private long lastTelemetryMs = Long.MIN_VALUE;

    public ChargerBehaviour(Device device, Random rng, List<FaultSpec> faults, Scenario scenario, long startMs) {
        super(device, rng, faults, STEP_MS, startMs);
        if (device.type() != DeviceType.CHARGER || device.charger() == null) {
            throw new IllegalArgumentException(device.id() + " is not a charger with a charger spec");
        }
        this.spec = device.charger();
        this.plugIns = PLUG_INS.scaled(scenario.chargingFactor());
        this.ambientC = Draws.between(rng, 18, 27);
        this.leakageMa = Draws.between(rng, 0.5, 5);
        for (int i = 1; i <= spec.ports(); i++) {
            ports.add(new ChargerPort(i, spec.portLimitW(), ambientC));
        }
    }

    @Override
    protected String firmware() {
        return "1.4.2";
    }

    /** Ports currently charging or floating. */
    public int busyPorts() {
        return (int) ports.stream().filter(ChargerPort::busy).count();
    }

    public String portState(int no) {
        return port(no).state;
    }

    public double totalPowerW() {
        return ports.stream().mapToDouble(p -> p.powerW).sum();
    }

    @Override
    protected void step(long t) {
        boolean stationOverload = !active(FaultKind.STATION_OVERLOAD, t).isEmpty();
        for (ChargerPort p : ports) {
            stepPort(p, t, stationOverload);
        }
        stepStation(t);
        long interval = busyPorts() > 0 ? BUSY_INTERVAL_MS : IDLE_INTERVAL_MS;
        if (lastTelemetryMs == Long.MIN_VALUE || t - lastTelemetryMs >= interval) {
            telemetry(t);
            lastTelemetryMs = t;
        }
    }

    private void stepPort(ChargerPort p, long t, boolean stationOverload) {
        FaultSpec portFault = portFault(p.no, t);
        if (p.stopped) {
            if (p.busy()) {
                p.endSession();
            }
        } else if (portFault != null || stationOverload) {
            if (!p.busy()) {
                p.startSession(ChargeCurve.random(rng), t, Draws.between(rng, 47, 60));
            }
            p.state = "charging";
            p.faultSession = true;
            p.powerW = faultPower(p, portFault, stationOverload, t);
        } else if (p.faultSession) {
            endFaultSession(p, t);
        } else {
            naturalSession(p, t);
        }
        if (p.powerW > p.limitW && p.busy()) {
            p.powerW = portFault != null && portFault.fault() == FaultKind.PORT_OVERLOAD ? p.powerW : p.limitW;
        }
        if (p.powerW > spec.portLimitW() && !p.overcurrentReported) {
            chargerEvent(t, "overcurrent", p.no, r1(p.powerW / Math.max(1, p.voltageV)), "E12");
            p.overcurrentReported = true;
        }
        p.energyWh += p.powerW * STEP_MS / 3_600_000.0;
        stepTemperature(p, portFault, t);
    }

    private void naturalSession(ChargerPort p, long t) {
        double stationW = totalPowerW();
        if (p.state.equals("fault")) {
            return;
        }
        if (!p.busy()) {
            if (stationW < spec.stationRefuseW() && Draws.happens(rng, plugIns.at(t), STEP_MS)) {
                p.startSession(ChargeCurve.random(rng), t, Draws.between(rng, 47, 60));
            } else {
                p.powerW = 0;
                return;
            }
        }
        double minutes = (t - p.sessionStartMs) / 60_000.0;
        if (p.state.equals("charging")) {
            if (p.curve == null || minutes >= p.curve.fullAtMin()) {
                p.state = "full";
                p.fullSinceMs = t;
                chargerEvent(t, "full", p.no, null, null);
            } else {
                p.powerW = Math.max(0, p.curve.powerAt(minutes) + rng.nextGaussian() * 1.5);
                return;
            }
        }
        if (t - p.fullSinceMs >= (long) (ChargeCurve.FLOAT_MIN * 60_000)) {
            p.endSession();
            chargerEvent(t, "unplugged", p.no, null, null);
        } else {
            p.powerW = ChargeCurve.FLOAT_W + rng.nextGaussian() * 0.5;
        }
    }

    private double faultPower(ChargerPort p, FaultSpec portFault, boolean stationOverload, long t) {
        if (portFault != null) {
            return switch (portFault.fault()) {
                case PORT_OVERLOAD -> portFault.magnitude() + rng.nextGaussian() * 8;
                // Flat, no taper: that is what tells a heater from a battery.
                case ILLEGAL_LOAD -> portFault.magnitude() + rng.nextGaussian() * 3;
                case THERMAL_RUNAWAY -> Math.max(p.powerW, 180) + rng.nextGaussian() * 4;
                default -> p.powerW;
            };
        }
        FaultSpec station = active(FaultKind.STATION_OVERLOAD, t).get(0);
        double perPort = station.magnitude() * spec.stationLimitW() / spec.ports();
        return Math.min(spec.portLimitW() * 0.98, perPort + rng.nextGaussian() * 5);
    }

    private void stepTemperature(ChargerPort p, FaultSpec portFault, long t) {
        if (portFault != null && portFault.fault() == FaultKind.THERMAL_RUNAWAY) {
            double perStep = portFault.magnitude() * STEP_MS / 60_000.0;
            p.tempC += perStep + Math.abs(rng.nextGaussian()) * 0.05;
            if (p.tempC >= OVERTEMP_C && !p.overtempReported) {
                chargerEvent(t, "overtemp", p.no, r1(p.tempC), "E21");
                p.overtempReported = true;
            }
            return;
        }
        double target = ambientC + 30 * (1 - Math.exp(-p.powerW / 400));
        p.tempC += (target - p.tempC) * (1 - Math.exp(-STEP_MS / 300_000.0));
        if (p.tempC < OVERTEMP_C - 5) {
            p.overtempReported = false;
        }
        if (p.tempC >= OVERTEMP_C && !p.overtempReported) {
            chargerEvent(t, "overtemp", p.no, r1(p.tempC), "E21");
            p.overtempReported = true;
        }
    }

    private void stepStation(long t) {
        double baseLeak = 0.5 + 3 * Math.min(1, totalPowerW() / 4000) + Math.abs(rng.nextGaussian()) * 0.3;
        boolean wasSmoke = smoke;
        smoke = false;
        double leak = baseLeak;
        for (FaultSpec f : active(FaultKind.THERMAL_RUNAWAY, t)) {
            // Smoke follows once the port is well past the over-temperature line; leakage climbs minutes later.
            ChargerPort p = port(f.port());
            if (p.tempC >= OVERTEMP_C + 3 && p.smokeSinceMs == 0) {
                p.smokeSinceMs = t;
            }
            if (p.smokeSinceMs > 0) {
                smoke = true;
                double sinceSmokeMin = (t - p.smokeSinceMs) / 60_000.0;
                leak = Math.max(leak, baseLeak + Math.max(0, sinceSmokeMin - 1) * 8);
            }
        }
        for (FaultSpec f : active(FaultKind.LEAKAGE, t)) {
            leak = Math.max(leak, f.magnitude() + rng.nextGaussian());
        }
        boolean wasLeaking = leakageMa > LEAKAGE_FAULT_MA;
        leakageMa = leak;
        if (smoke && !wasSmoke) {
            chargerEvent(t, "smoke", null, null, "E31");
        }
        if (leakageMa > LEAKAGE_FAULT_MA && !wasLeaking) {
            chargerEvent(t, "leakage", null, r1(leakageMa), "E41");
        }
    }

    /**
     * The end of an injected port fault: after a thermal runaway the port protection finally trips and the port
     * stays in {@code fault} until resumed; otherwise the heater or the crowd of bikes is unplugged.
     */
    private void endFaultSession(ChargerPort p, long t) {
        p.faultSession = false;
        boolean runaway = faults.stream().anyMatch(f -> f.fault() == FaultKind.THERMAL_RUNAWAY && f.port() != null
                && f.port() == p.no && f.endTs() <= t && f.endTs() > t - STEP_MS);
        p.endSession();
        if (runaway) {
            p.state = "fault";
            p.smokeSinceMs = 0;
            chargerEvent(t, "fault", p.no, r1(p.tempC), "E99");
        } else {
            chargerEvent(t, "unplugged", p.no, null, null);
        }
    }

    private FaultSpec portFault(int no, long t) {
        for (FaultSpec f : faults) {
            if (f.port() != null && f.port() == no && f.activeAt(t) && f.fault().perPort()) {
                return f;
            }
        }
        return null;
    }

    private void telemetry(long t) {
        List<Payloads.PortReading> readings = new ArrayList<>(ports.size());
        for (ChargerPort p : ports) {
            double v = p.busy() ? p.voltageV : 0;
            double a = v > 0 ? p.powerW / v : 0;
            readings.add(new Payloads.PortReading(p.no, p.state, r1(v), r1(a), r1(p.busy() ? p.powerW : 0),
                    Math.round(p.energyWh), r1(p.tempC)));
        }
        json(MqttTopics.telemetry(DeviceType.CHARGER, id()), new Payloads.ChargerTelemetry(t, nextSeq(),
                r1(228 + rng.nextGaussian() * 1.5), r1(ambientC), smoke, r1(leakageMa), readings));
    }

    private void chargerEvent(long t, String kind, Integer port, Double value, String code) {
        json(MqttTopics.event(DeviceType.CHARGER, id()), new Payloads.ChargerEvent(t, nextSeq(), kind, port, value, code));
    }

    private ChargerPort port(int no) {
        return ports.get(no - 1);
    }

    @Override
    protected CommandResult onCommand(Payloads.Command cmd, long simMs) {
        String action = cmd.action();
        if (!action.equals("stop_port") && !action.equals("resume_port") && !action.equals("set_port_limit")) {
            return super.onCommand(cmd, simMs);
        }
        if (cmd.port() == null || cmd.port() < 1 || cmd.port() > ports.size()) {
            return CommandResult.rejected("port must be 1.." + ports.size());
        }
        ChargerPort p = port(cmd.port());
        switch (action) {
            case "stop_port" -> {
                p.stopped = true;
                p.endSession();
                return CommandResult.ok("port " + p.no + " stopped");
            }
            case "resume_port" -> {
                p.stopped = false;
                if (p.state.equals("fault")) {
                    p.state = "idle";
                }
                return CommandResult.ok("port " + p.no + " resumed");
            }
            default -> {
                if (cmd.limitW() == null || cmd.limitW() < 0 || cmd.limitW() > spec.portLimitW()) {
                    return CommandResult.rejected("limitW must be 0.." + spec.portLimitW());
                }
                p.limitW = cmd.limitW();
                return CommandResult.ok("port " + p.no + " limited to " + p.limitW + " W");
            }
        }
    }
}
