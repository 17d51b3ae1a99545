package io.anju.jobs.time;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Bounded out-of-orderness watermarks for one Kafka partition, with what device traffic needs besides:
 * <ul>
 *   <li>a partition that has carried no record for {@code quietAfter} since the reader started is idle, so an
 *   empty partition does not hold back the others (before that it holds them back: after a restart its backlog
 *   may simply not have been fetched yet);</li>
 *   <li>a partition quiet for {@code quietAfter} (wall clock) follows the newest device time its reader has seen
 *   on any partition: a partition of rare events (a forced gate) must not hold back the timers of all the
 *   others;</li>
 *   <li>when the whole reader is quiet for {@code quietAfter}, its event time moves on with the wall clock. When a
 *   district goes silent (a network outage) no record arrives to move event time, yet that is exactly when the
 *   offline detector's timers must fire.</li>
 * </ul>
 * {@code quietAfter} must be longer than any stall of a partition that has data (a slow fetch while the job works
 * through a backlog): a partition taken for quiet while its records wait would let event time run past them, and
 * the offline detector would report devices whose messages are merely queued (default 60 s).
 * The cost: a record that arrives on a quiet partition with a device time older than the advanced watermark is
 * late for windowed rules (Flink counts it); the per-event detectors still see it.
 * <p>
 * What moves a partition's event time is each record's {@code progress} time, not its event time: the jobs use the
 * earlier of the event time and the gateway's receive time, so a device whose clock runs ahead (within the
 * {@link ClockRule}'s tolerance) cannot move event time past the gateway's clock, and the watermark follows the
 * gateway, which the bulk of devices agree with, not the most advanced device. A reading whose device clock was off
 * moves nothing ({@link ProgressTime#NONE}): it counts at its receive time for its own device, but that receive time
 * may be ahead of the other devices' own times by the network's delay, and it must not pass them.
 */
public final class QuietAwareWatermarks<T> implements WatermarkGenerator<T> {
    private final long boundMs;
    private final long quietAfterMs;
    private final LongSupplier wallClock;
    private final ReaderProgress reader;
    private final ProgressTime<T> progress;
    private long maxTs = Long.MIN_VALUE;
    private long lastEventWallMs;
    private long lastEmitted = Long.MIN_VALUE;
    private final long createdWallMs;

    QuietAwareWatermarks(Duration outOfOrderness, Duration quietAfter, LongSupplier wallClock, ReaderProgress reader,
                         ProgressTime<T> progress) {
        this.progress = progress;
        this.boundMs = outOfOrderness.toMillis();
        this.quietAfterMs = quietAfter.toMillis();
        this.wallClock = wallClock;
        this.reader = reader;
        this.createdWallMs = wallClock.getAsLong();
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        long ts = progress.of(event, eventTimestamp);
        if (ts == ProgressTime.NONE) {
            return;
        }
        long now = wallClock.getAsLong();
        if (ts > maxTs) {
            maxTs = ts;
        }
        lastEventWallMs = now;
        reader.seen(ts, now);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = wallClock.getAsLong();
        if (maxTs == Long.MIN_VALUE) {
            if (now - createdWallMs > quietAfterMs) {
                output.markIdle();
            }
            return;
        }
        long wm = maxTs - boundMs - 1;
        if (now - lastEventWallMs > quietAfterMs) {
            wm = Math.max(wm, reader.maxTs - boundMs - 1);
            long readerQuietFor = now - reader.lastEventWallMs;
            if (readerQuietFor > quietAfterMs) {
                wm = Math.max(wm, reader.maxTs - boundMs - 1 + readerQuietFor - quietAfterMs);
            }
        }
        if (wm > lastEmitted) {
            lastEmitted = wm;
            output.emitWatermark(new Watermark(wm));
        }
    }
}
