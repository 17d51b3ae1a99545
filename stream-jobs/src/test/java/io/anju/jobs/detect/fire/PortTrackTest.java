package io.anju.jobs.detect.fire;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PortTrackTest {
    private static final long W = 180_000;

    private static PortTrack track(double... tempsEvery30s) {
        PortTrack t = new PortTrack();
        for (int i = 0; i < tempsEvery30s.length; i++) {
            assertThat(t.add(i * 30_000L, tempsEvery30s[i], W * 4 / 3)).isTrue();
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
                t.add(i * 30_000L, temps[i], W * 4 / 3);
            }
        }
        assertThat(t.rise(W, 2.0, 40, 0.8)).isNotNull();
    }

    @Test
    void staleReadingsAreRefusedAndOldOnesForgotten() {
        PortTrack t = track(40, 41, 42);
        assertThat(t.add(60_000, 10, W)).isFalse();
        assertThat(t.add(30_000, 10, W)).isFalse();
        assertThat(t.newestC()).isEqualTo(42.0);
        t.add(600_000, 50, W * 4 / 3);
        assertThat(t.ts).containsExactly(600_000L);
    }
}
