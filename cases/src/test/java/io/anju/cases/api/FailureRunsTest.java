package io.anju.cases.api;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class FailureRunsTest {
    private static final Instant START = Instant.parse("2026-11-29T08:00:00Z");
    private Instant now = START;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final FailureRuns throttle = new FailureRuns(5, Duration.ofSeconds(30), clock);

    private void failTimes(String name, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(name);
            now = now.plusSeconds(1);
        }
    }

    @Test
    void theFifthFailureLocksForTheLockoutThenTheNameMayTryAgain() {
        failTimes("li", 4);
        assertThat(throttle.lockedFor("li")).isEmpty();

        failTimes("li", 1);
        assertThat(throttle.lockedFor("li")).contains(Duration.ofSeconds(29));

        now = now.plusSeconds(29);
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
            now = now.plusSeconds(31);
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
