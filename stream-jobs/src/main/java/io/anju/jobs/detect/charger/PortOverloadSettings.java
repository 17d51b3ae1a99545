package io.anju.jobs.detect.charger;

import io.anju.common.config.ConfigValues;
import io.anju.common.config.Require;
import io.anju.common.config.Setting;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

import static io.anju.common.config.Setting.decimal;
import static io.anju.common.config.Setting.duration;

/**
 * Thresholds of the port overload rule. The port's power limit itself comes from the registry with each reading
 * ({@code ChargerLimits.portLimitW}, 1,000 W by default). Settings and bounds: {@link #SETTINGS}.
 *
 * @param orangeAfter how long a port must stay above its limit before it is orange; default 5 s
 * @param redAfter    how long above the limit makes it red with {@code stop_port}; default 30 s
 * @param redFactor   a single reading at or above this multiple of the limit is red at once; default 1.2
 */
public record PortOverloadSettings(Duration orangeAfter, Duration redAfter, double redFactor)
        implements Serializable {
    private static final String P = "detect.portOverload.";

    public static final List<Setting> SETTINGS = List.of(
            duration(P + "orangeAfter", "5s", "0s", "1h", "port_overload: a port above its limit this long is orange"),
            duration(P + "redAfter", "30s", "1s", "24h", "port_overload: a port above its limit this long is red and stopped (above orangeAfter)"),
            decimal(P + "redFactor", 1.2, 1.01, 10, "port_overload: one reading at this multiple of the port limit is red at once"));

    public PortOverloadSettings {
        Require.that(redAfter.compareTo(orangeAfter) > 0, P + "redAfter", redAfter,
                "must be above " + P + "orangeAfter (" + Setting.format(orangeAfter) + ")");
    }

    public static PortOverloadSettings from(ConfigValues v) {
        return new PortOverloadSettings(v.d(P + "orangeAfter"), v.d(P + "redAfter"), v.dbl(P + "redFactor"));
    }

    public static PortOverloadSettings defaults() {
        return from(ConfigValues.defaults(SETTINGS));
    }
}
