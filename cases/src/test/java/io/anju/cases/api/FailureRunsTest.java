package io.anju.cases.api;

import io.anju.cases.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FailureRunsTest {
    private static final Instant START = Instant.parse("2026-11-29T08:00:00Z");
    private final MutableClock clock = new MutableClock(START);
    private final FailureRuns throttle = new FailureRuns(5, Duration.ofSeconds(30), clock);

    private void failTimes(String name, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(name);
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void theFifthFailureLocksForTheLockoutThenTheNameMayTryAgain() {
        failTimes("li", 4);
        assertThat(throttle.lockedFor("li")).isEmpty();

        failTimes("li", 1);
        assertThat(throttle.lockedFor("li")).contains(Duration.ofSeconds(29));

        clock.advance(Duration.ofSeconds(29));
        assertThat(throttle.lockedFor("li")).isEmpty();
        failTimes("li", 1);
        assertThat(throttle.lockedFor("li")).as("a fresh run after the lockout").isEmpty();
    }

    @Test
    void aSuccessResetsTheCount() {
        failTimes("li", 4);
        throttle.succeeded("li");
        failTimes("li", 4);

        assertThat(throttle.lockedFor("li")).isEmpty();
    }

    @Test
    void failuresSpreadWiderThanTheLockoutDoNotAddUp() {
        for (int i = 0; i < 10; i++) {
            failTimes("li", 1);
            clock.advance(Duration.ofSeconds(31));
        }

        assertThat(throttle.lockedFor("li")).isEmpty();
    }

    @Test
    void namesAreCountedApart() {
        failTimes("li", 5);

        assertThat(throttle.lockedFor("li")).isPresent();
        assertThat(throttle.lockedFor("wang")).isEmpty();
    }
}
