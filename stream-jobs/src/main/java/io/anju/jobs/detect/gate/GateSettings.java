package io.anju.jobs.detect.gate;

import io.anju.common.config.ConfigValues;
import io.anju.common.config.Setting;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

import static io.anju.common.config.Setting.duration;
import static io.anju.common.config.Setting.integer;

/**
 * Thresholds of the gate anomaly detector. Settings and bounds: {@link #SETTINGS}.
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
    private static final String P = "detect.gate.";

    public static final List<Setting> SETTINGS = List.of(
            duration(P + "quietPeriod", "10m", "1s", "24h", "gate_*: an alert clears after this long without another event of its kind"),
            integer(P + "deniedBurst", 5, 2, 1_000, "gate_denied_burst: denied verifications with no pass between them that make a burst"),
            duration(P + "deniedWindow", "60s", "1s", "1h", "gate_denied_burst: the longest span of a burst, first to last denial"));

    public static GateSettings from(ConfigValues v) {
        return new GateSettings(v.d(P + "quietPeriod"), v.i(P + "deniedBurst"), v.d(P + "deniedWindow"));
    }

    public static GateSettings defaults() {
        return from(ConfigValues.defaults(SETTINGS));
    }
}
