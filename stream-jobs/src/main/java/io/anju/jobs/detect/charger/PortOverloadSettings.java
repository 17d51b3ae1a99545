package io.anju.jobs.detect.charger;

import java.io.Serializable;
import java.time.Duration;

/**
 * Thresholds of the port overload rule. The port's power limit itself comes from the registry with each reading
 * ({@code ChargerLimits.portLimitW}, 1,000 W by default).
 *
 * @param orangeAfter how long a port must stay above its limit before it is orange; default 5 s
 * @param redAfter    how long above the limit makes it red with {@code stop_port}; default 30 s
 * @param redFactor   a single reading at or above this multiple of the limit is red at once; default 1.2
 */
public record PortOverloadSettings(Duration orangeAfter, Duration redAfter, double redFactor)
        implements Serializable {

    public PortOverloadSettings {
        if (orangeAfter == null || orangeAfter.isNegative()) {
            throw new IllegalArgumentException(
                    "detect.portOverload.orangeAfter must be >= 0 (was " + orangeAfter + ")");
        }
        if (redAfter == null || redAfter.compareTo(orangeAfter) <= 0) {
            throw new IllegalArgumentException(
                    "detect.portOverload.redAfter must be > orangeAfter (was " + redAfter + ", orangeAfter "
                            + orangeAfter + ")");
        }
        if (!(redFactor > 1.0) || Double.isInfinite(redFactor)) {
            throw new IllegalArgumentException("detect.portOverload.redFactor must be > 1 (was " + redFactor + ")");
        }
    }

    public static PortOverloadSettings defaults() {
        return new PortOverloadSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), 1.2);
    }
}
