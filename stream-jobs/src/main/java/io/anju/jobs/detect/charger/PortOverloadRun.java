package io.anju.jobs.detect.charger;

import io.anju.common.alert.Severity;

/**
 * An unbroken run of above-limit readings of one port: what the port overload rule keeps per port.
 *
 * @param startTs  device time the run began: its first above-limit reading, or the charger's overcurrent event
 *                 when that came first
 * @param lastTs   device time of the latest above-limit reading (or of the event, before any reading)
 * @param firstTs  device time of the first above-limit reading
 * @param firstW   power of the first above-limit reading, W; null while only the event has been seen
 * @param lastW    power of the latest reading, W
 * @param lastA    current of the latest reading, A
 * @param severity the highest severity the run has reached, or null while it is still under {@code orangeAfter}
 * @param eventA   the current the charger's overcurrent event reported, A, when the event started the run
 */
public record PortOverloadRun(long startTs, long lastTs, long firstTs, Double firstW, double lastW, double lastA,
                              Severity severity, Double eventA) {

    public long durationMs() {
        return lastTs - startTs;
    }

    public boolean startedByEvent() {
        return eventA != null;
    }
}
