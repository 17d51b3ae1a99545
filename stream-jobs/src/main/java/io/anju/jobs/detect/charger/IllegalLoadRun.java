package io.anju.jobs.detect.charger;

/**
 * A run of flat, high readings of one port: what the illegal load rule keeps per port.
 *
 * @param startTs device time of the run's first reading
 * @param lastTs  device time of its latest reading
 * @param refW    power of the first reading, W: the centre of the flatness band
 * @param minW    lowest power of the run, W
 * @param maxW    highest power of the run, W
 * @param lastW   power of the latest reading, W
 * @param lastA   current of the latest reading, A
 */
public record IllegalLoadRun(long startTs, long lastTs, double refW, double minW, double maxW, double lastW,
                             double lastA) {

    public long durationMs() {
        return lastTs - startTs;
    }
}
