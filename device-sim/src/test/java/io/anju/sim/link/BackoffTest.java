package io.anju.sim.link;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    @Test
    void ceilingDoubles_untilCappedAtTwoMinutes() {
        Backoff b = new Backoff(Backoff.DEFAULT_BASE_MS, Backoff.DEFAULT_CAP_MS, new Random(1));
        assertThat(b.ceilingMs(0)).isEqualTo(1_000);
        assertThat(b.ceilingMs(1)).isEqualTo(2_000);
        assertThat(b.ceilingMs(6)).isEqualTo(64_000);
        assertThat(b.ceilingMs(7)).isEqualTo(120_000);
        assertThat(b.ceilingMs(50)).isEqualTo(120_000);
    }

    @Test
    void delays_areFullJitterInsideTheBounds_andSpread() {
        Backoff b = new Backoff(1_000, 120_000, new Random(2));
        for (int attempt = 0; attempt < 12; attempt++) {
            Set<Long> seen = new HashSet<>();
            long max = 0;
            for (int i = 0; i < 500; i++) {
                long d = b.delayMs(attempt);
                assertThat(d).isBetween(0L, b.ceilingMs(attempt));
                seen.add(d);
                max = Math.max(max, d);
            }
            assertThat(seen).hasSizeGreaterThan(100);
            // Full jitter reaches well into the top of the window.
            assertThat(max).isGreaterThan(b.ceilingMs(attempt) * 9 / 10);
        }
    }

    @Test
    void badBounds_fail() {
        assertThatThrownBy(() -> new Backoff(0, 10, new Random())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(100, 10, new Random())).isInstanceOf(IllegalArgumentException.class);
    }
}
