package io.anju.jobs.time;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.Watermark;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Bounded out-of-orderness watermarks for one Kafka partition, with two additions that device traffic needs:
 * <ul>
 *   <li>a partition that has never carried a record is idle, so an empty partition does not hold back the
 *   others;</li>
 *   <li>once a partition has been quiet for {@code quietAfter}, its event time is assumed to move on with the
 *   wall clock. When a whole district goes silent (a network outage) no record arrives to move event time, yet
 *   that is exactly when the offline detector's timers must fire.</li>
 * </ul>
 * The cost: a record that arrives after a long silence with a device time older than the advanced watermark is
 * late for windowed rules (counted by Flink as late, still seen by the per-event detectors).
 */
public final class QuietAwareWatermarks<T> implements WatermarkGenerator<T> {
    private final long boundMs;
    private final long quietAfterMs;
    private final LongSupplier wallClock;
    private long maxTs = Long.MIN_VALUE;
    private long lastEventWallMs;
    private long lastEmitted = Long.MIN_VALUE;

    public QuietAwareWatermarks(Duration outOfOrderness, Duration quietAfter, LongSupplier wallClock) {
        this.boundMs = outOfOrderness.toMillis();
        this.quietAfterMs = quietAfter.toMillis();
        this.wallClock = wallClock;
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        if (eventTimestamp > maxTs) {
            maxTs = eventTimestamp;
        }
        lastEventWallMs = wallClock.getAsLong();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (maxTs == Long.MIN_VALUE) {
            output.markIdle();
            return;
        }
        long wm = maxTs - boundMs - 1;
        long quietFor = wallClock.getAsLong() - lastEventWallMs;
        if (quietFor > quietAfterMs) {
            wm += quietFor - quietAfterMs;
        }
        if (wm > lastEmitted) {
            lastEmitted = wm;
            output.emitWatermark(new Watermark(wm));
        }
    }
}
