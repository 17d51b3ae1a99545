package io.anju.jobs.detect.gate;

import io.anju.common.config.Require;

import java.io.Serializable;
import java.time.Duration;

/**
 * Thresholds of the gate anomaly detector.
 * <p>
 * Held open has no threshold here: the gate reports {@code held_open} only once it has been open past its own limit
 * (60 s by default on the gate), and the event carries no duration to compare.
 *
 * @param quietPeriod  how long a gate must stay without another forced opening, held-open report, tailgate or
 *                     denied burst before that alert clears; default 10 min
 * @param deniedBurst  how many denied verifications, with no successful pass between them, make a burst; default 5
 * @param deniedWindow the longest span of a burst, first to last denial; default 60 s
 */
public record GateSettings(Duration quietPeriod, int deniedBurst, Duration deniedWindow) implements Serializable {

    public GateSettings {
        Require.positive("detect.gate.quietPeriod", quietPeriod);
        Require.positive("detect.gate.deniedWindow", deniedWindow);
        Require.atLeast("detect.gate.deniedBurst", deniedBurst, 2);
    }

    public static GateSettings defaults() {
        return new GateSettings(Duration.ofMinutes(10), 5, Duration.ofSeconds(60));
    }

    public GateSettings withQuietPeriod(Duration d) {
        return new GateSettings(d, deniedBurst, deniedWindow);
    }

    public GateSettings withDeniedBurst(int n) {
        return new GateSettings(quietPeriod, n, deniedWindow);
    }

    public GateSettings withDeniedWindow(Duration d) {
        return new GateSettings(quietPeriod, deniedBurst, d);
    }
}
