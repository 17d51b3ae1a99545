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
    void badSpeed_failsNamingTheOption() {
        assertThatThrownBy(() -> new SimClock(0, 0)).hasMessageContaining("--speed");
        assertThatThrownBy(() -> Scenario.parse("party")).hasMessageContaining("--scenario");
    }
}
