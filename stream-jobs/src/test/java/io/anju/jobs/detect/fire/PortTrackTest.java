package io.anju.jobs.detect.fire;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PortTrackTest {
    private static final long W = 180_000;
    private static final long KEEP = W * 4 / 3;
    private static final long SPACING = 5_000;

    private static PortTrack track(double... tempsEvery30s) {
        PortTrack t = new PortTrack();
        for (int i = 0; i < tempsEvery30s.length; i++) {
            assertThat(t.add(i * 30_000L, tempsEvery30s[i], KEEP, SPACING)).isTrue();
        }
        return t;
    }

    @Test
    void aSteadyRiseOverTheWholeWindowCounts() {
        PortTrack.Rise r = track(40, 41.5, 43, 44.5, 46, 47.5, 49).rise(W, 2.0, 40, 0.8);
        assertThat(r).isNotNull();
        assertThat(r.ratePerMin()).isEqualTo(3.0);
        assertThat(r.fromTs()).isZero();
        assertThat(r.toC()).isEqualTo(49.0);
    }

    @Test
    void aHistoryShorterThanTheWindowOrOneJumpIsNoRise() {
        assertThat(track(40, 41.5, 43, 44.5, 46, 47.5).rise(W, 2.0, 40, 0.8)).isNull();
        assertThat(track(40, 40, 40, 40, 40, 55, 55).rise(W, 2.0, 40, 0.8)).isNull();
    }

    @Test
    void aLostReadingDoesNotBreakTheTrend() {
        PortTrack t = new PortTrack();
        double[] temps = {40, 41.5, 43, 44.5, 46, 47.5, 49};
        for (int i = 0; i < temps.length; i++) {
            if (i != 3) {
                t.add(i * 30_000L, temps[i], KEEP, SPACING);
            }
        }
        assertThat(t.rise(W, 2.0, 40, 0.8)).isNotNull();
    }

    @Test
    void staleReadingsAreRefusedAndOldOnesForgotten() {
        PortTrack t = track(40, 41, 42);
        assertThat(t.add(60_000, 10, KEEP, SPACING)).isFalse();
        assertThat(t.add(30_000, 10, KEEP, SPACING)).isFalse();
        assertThat(t.newestC()).isEqualTo(42.0);
        t.add(600_000, 50, KEEP, SPACING);
        assertThat(t.times()).containsExactly(600_000L);
    }

    @Test
    void aLongHistoryWrapsAroundAndGrows_keepingItsOrder() {
        PortTrack t = new PortTrack();
        for (int i = 0; i < 40; i++) {
            t.add(i * 30_000L, 40 + i, KEEP, SPACING);
        }
        // The last 4 minutes: readings 32..39 (and 31, exactly at the edge, is forgotten only when older).
        assertThat(t.times()).containsExactly(31 * 30_000L, 32 * 30_000L, 33 * 30_000L, 34 * 30_000L, 35 * 30_000L,
                36 * 30_000L, 37 * 30_000L, 38 * 30_000L, 39 * 30_000L);
        for (int i = 40; i < 60; i++) {
            t.add(i * 10_000L + 1_200_000L, 80, KEEP, SPACING);
        }
        assertThat(t.times()).as("readings every 10 s: 20 within 4 minutes, more than it first held").hasSize(20)
                .isSorted();
        assertThat(t.newestC()).isEqualTo(80.0);
    }

    @Test
    void aPortReportingFiveTimesASecond_holdsOneReadingPerSpacing_andStillShowsItsRise() {
        PortTrack t = new PortTrack();
        for (long ms = 0; ms <= 210_000; ms += 200) {
            assertThat(t.add(ms, 40 + ms / 20_000.0, KEEP, SPACING)).isTrue();
        }
        assertThat(t.times()).as("4 minutes at one per 5 s, and the newest").hasSizeLessThanOrEqualTo(
                (int) (KEEP / SPACING) + 2).isSorted().endsWith(210_000L);
        long[] times = t.times();
        for (int i = 1; i < times.length - 1; i++) {
            assertThat(times[i] - times[i - 1]).isGreaterThanOrEqualTo(SPACING);
        }
        assertThat(t.newestC()).isEqualTo(50.5);
        PortTrack.Rise r = t.rise(W, 2.0, 40, 0.8);
        assertThat(r).isNotNull();
        assertThat(r.ratePerMin()).isCloseTo(3.0, within(0.01));
        assertThat(r.toTs()).isEqualTo(210_000L);
    }
}
