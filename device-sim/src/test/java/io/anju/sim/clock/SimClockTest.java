package io.anju.sim.clock;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimClockTest {

    @Test
    void runsSpeedSimulatedSecondsPerRealSecond() {
        AtomicLong nanos = new AtomicLong(5_000_000_000L);
        SimClock clock = new SimClock(1_000_000L, 60, nanos::get);
        assertThat(clock.now()).isEqualTo(1_000_000L);
        nanos.addAndGet(2_000_000_000L);
        assertThat(clock.now()).isEqualTo(1_000_000L + 120_000L);
        assertThat(clock.realMillisFor(60_000)).isEqualTo(1_000);
    }

    @Test
    void anchoredClock_readsAnchorPlusWallTimeSinceTheAnchorTimesSpeed_fromTheStart() {
        long anchor = 1_764_378_000_000L;
        AtomicLong wall = new AtomicLong(anchor + 5_000);
        SimClock clock = SimClock.anchored(anchor, 60, wall::get);
        assertThat(clock.running()).isTrue();
        assertThat(clock.now()).isEqualTo(anchor + 5_000 * 60);
        wall.addAndGet(1_500);
        assertThat(clock.now()).isEqualTo(anchor + 6_500 * 60);
        clock.start();
        assertThat(clock.now()).as("starting a running clock changes nothing").isEqualTo(anchor + 6_500 * 60);
        assertThat(SimClock.anchored(anchor, 1, () -> anchor + 42).now()).isEqualTo(anchor + 42);
    }

    @Test
    void badSpeed_failsNamingTheOption() {
        assertThatThrownBy(() -> new SimClock(0, 0)).hasMessageContaining("--speed");
        assertThatThrownBy(() -> Scenario.parse("party")).hasMessageContaining("--scenario");
    }
}
