package io.anju.jobs.detect.charger;

import io.anju.common.alert.AlertFact;
import io.anju.jobs.input.PortReading;

import java.io.Serializable;
import java.util.List;

/**
 * Illegal high-power load without Flink. A run is a sequence of readings of one port that all draw at least
 * {@code minPowerW} and all lie within {@code flatTolerance} of the run's first reading (the reference); a reading
 * outside that band, still high, starts a new run from itself, so a draw that tapers by more than the tolerance
 * within {@code minDuration} never qualifies, while a heater's flat draw does. The first reading is the reference
 * (not a running median) so the band cannot drift along with a slow taper. A run qualifies once it spans
 * {@code minDuration}; a reading below {@code minPowerW} ends it.
 */
public final class IllegalLoadRule implements Serializable {
    public static final String ACTION = "inspect_port";

    private final IllegalLoadSettings settings;

    public IllegalLoadRule(IllegalLoadSettings settings) {
        this.settings = settings;
    }

    /** The run after {@code r} at {@code ts}; null when the port draws less than {@code minPowerW}. */
    public IllegalLoadRun advance(IllegalLoadRun run, PortReading r, long ts) {
        double w = r.powerW();
        if (!(w >= settings.minPowerW())) {
            return null;
        }
        if (run == null || Math.abs(w - run.refW()) > settings.flatTolerance() * run.refW()) {
            return new IllegalLoadRun(ts, ts, w, w, w, w, r.currentA());
        }
        return new IllegalLoadRun(run.startTs(), ts, run.refW(), Math.min(run.minW(), w), Math.max(run.maxW(), w), w,
                r.currentA());
    }

    public boolean qualifies(IllegalLoadRun run) {
        return run != null && run.durationMs() >= settings.minDuration().toMillis();
    }

    public static String summary(String deviceId, int port, IllegalLoadRun run) {
        return ChargerText.port(deviceId, port) + " has drawn a flat " + ChargerText.watts(run.refW()) + " ("
                + ChargerText.watts(run.minW()) + " to " + ChargerText.watts(run.maxW()) + ") for "
                + ChargerText.duration(run.durationMs()) + " without tapering: not an e-bike charge";
    }

    /** The flat draw against the line it must stay above, its range and how long it has lasted. */
    public List<AlertFact> facts(IllegalLoadRun run) {
        return List.of(AlertFact.against("powerW", run.refW(), "W", settings.minPowerW()),
                AlertFact.figure("minW", run.minW(), "W"), AlertFact.figure("maxW", run.maxW(), "W"),
                AlertFact.against("durationS", Math.max(0, run.durationMs()) / 1000, "s",
                        settings.minDuration().toSeconds()));
    }

    public String clearSummary(String deviceId, int port, PortReading r) {
        return ChargerText.port(deviceId, port) + " down to " + ChargerText.watts(r.powerW()) + ", below "
                + ChargerText.watts(settings.minPowerW());
    }
}
