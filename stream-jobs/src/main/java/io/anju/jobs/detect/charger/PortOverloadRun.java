package io.anju.jobs.detect.charger;

import io.anju.common.alert.Severity;

/**
 * An unbroken run of above-limit readings of one port: what the port overload rule keeps per port.
 *
 * @param startTs  device time of the first above-limit reading of the run
 * @param lastTs   device time of the latest above-limit reading
 * @param firstW   power of the first reading, W (evidence)
 * @param lastW    power of the latest reading, W
 * @param lastA    current of the latest reading, A
 * @param severity the highest severity the run has reached, or null while it is still under {@code orangeAfter}
 */
public record PortOverloadRun(long startTs, long lastTs, double firstW, double lastW, double lastA,
                              Severity severity) {

    public long durationMs() {
        return lastTs - startTs;
    }
}
