package io.anju.jobs.time;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class QuietAwareWatermarksTest {
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofSeconds(10);
    private static final long T = 1_800_000_000_000L;

    private final AtomicLong wall = new AtomicLong(5_000_000);
    private final ReaderProgress reader = new ReaderProgress();

    private QuietAwareWatermarks<String> partition() {
        return new QuietAwareWatermarks<>(BOUND, QUIET, wall::get, reader, ProgressTime.eventTime());
    }

    @Test
    void aPartitionThatNeverCarriedARecord_holdsBackUntilQuietAfter_thenIsIdle() {
        QuietAwareWatermarks<String> p = partition();
        Output out = new Output();
        wall.addAndGet(9_000);
        p.onPeriodicEmit(out);
        assertThat(out.idle).as("its backlog may not have been fetched yet").isFalse();
        assertThat(out.last).isNull();
        wall.addAndGet(2_000);
        p.onPeriodicEmit(out);
        assertThat(out.idle).isTrue();
        assertThat(out.last).isNull();
    }

    @Test
    void aBusyPartition_trailsItsNewestDeviceTimeByTheBound() {
        QuietAwareWatermarks<String> p = partition();
        Output out = new Output();
        p.onEvent("a", T, out);
        p.onEvent("b", T - 3_000, out);
        p.onPeriodicEmit(out);
        assertThat(out.last).isEqualTo(T - 10_000 - 1);
    }

    @Test
    void aQuietPartition_followsTheBusiestPartitionOfItsReader_notTheWallClock() {
        QuietAwareWatermarks<String> rare = partition();
        QuietAwareWatermarks<String> busy = partition();
        Output rareOut = new Output();
        rare.onEvent("forced_open", T, rareOut);
        // Simulated time runs 120× faster than the wall clock on the busy partition.
        for (int i = 1; i <= 30; i++) {
            wall.addAndGet(1_000);
            busy.onEvent("telemetry", T + i * 120_000L, new Output());
        }
        rare.onPeriodicEmit(rareOut);
        assertThat(rareOut.last).isEqualTo(T + 30 * 120_000L - 10_000 - 1);
    }

    @Test
    void aPartitionQuietForLessThanQuietAfter_doesNotJumpAhead() {
        QuietAwareWatermarks<String> rare = partition();
        QuietAwareWatermarks<String> busy = partition();
        Output rareOut = new Output();
        rare.onEvent("x", T, rareOut);
        wall.addAndGet(9_000);
        busy.onEvent("y", T + 600_000, new Output());
        rare.onPeriodicEmit(rareOut);
        assertThat(rareOut.last).isEqualTo(T - 10_001);
    }

    @Test
    void whenTheWholeReaderIsQuiet_eventTimeMovesOnWithTheWallClock() {
        QuietAwareWatermarks<String> p = partition();
        Output out = new Output();
        p.onEvent("last", T, out);
        wall.addAndGet(10_000 + 300_000);
        p.onPeriodicEmit(out);
        assertThat(out.last).isEqualTo(T - 10_001 + 300_000);
    }

    @Test
    void watermarksNeverGoBack() {
        QuietAwareWatermarks<String> p = partition();
        Output out = new Output();
        p.onEvent("a", T, out);
        wall.addAndGet(100_000);
        p.onPeriodicEmit(out);
        long advanced = out.last;
        p.onEvent("late", T + 1_000, out);
        p.onPeriodicEmit(out);
        assertThat(out.last).isEqualTo(advanced);
    }

    @Test
    void aDeviceClockAheadOfTheGateway_cannotMoveEventTimePastTheGatewaysReceiveTime() {
        // Records are "device ts / gateway receive time"; progress is the earlier of the two, as the jobs use it.
        QuietAwareWatermarks<long[]> p = new QuietAwareWatermarks<>(BOUND, QUIET, wall::get, reader,
                (r, ts) -> Math.min(ts, r[1]));
        Output out = new Output();
        p.onEvent(new long[] {T, T}, T, out);
        p.onEvent(new long[] {T + 25_000, T + 100}, T + 25_000, out);
        p.onPeriodicEmit(out);
        assertThat(out.last).as("the gateway had reached T + 100 ms, not T + 25 s").isEqualTo(T + 100 - 10_000 - 1);
    }

    @Test
    void aReadingThatMayNotMoveEventTime_movesNothing_andDoesNotKeepItsPartitionActive() {
        QuietAwareWatermarks<Long> p = new QuietAwareWatermarks<>(BOUND, QUIET, wall::get, reader,
                (r, ts) -> r < 0 ? ProgressTime.NONE : ts);
        QuietAwareWatermarks<Long> other = new QuietAwareWatermarks<>(BOUND, QUIET, wall::get, reader,
                (r, ts) -> ts);
        Output out = new Output();
        p.onEvent(1L, T, out);
        wall.addAndGet(1_000);
        other.onEvent(1L, T + 120_000, new Output());
        // Corrected readings keep arriving on p, stamped far ahead: they neither move p nor keep it from going quiet.
        for (int i = 0; i < 20; i++) {
            wall.addAndGet(1_000);
            p.onEvent(-1L, T + 86_400_000, out);
        }
        p.onPeriodicEmit(out);
        // Quiet for 20 s, the reader follows the wall clock from its newest real time on (10 s past quietAfter).
        assertThat(out.last).as("its reader's newest time and the wall clock, not the corrected readings' day ahead")
                .isEqualTo(T + 120_000 - 10_000 - 1 + (20_000 - 10_000));
    }

    private static final class Output implements WatermarkOutput {
        Long last;
        boolean idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            last = watermark.getTimestamp();
            idle = false;
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }
    }
}
