package io.anju.cases.api;

import io.anju.cases.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may try to sign in when: per name and source, per source, and all together per second. */
class LoginThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(new ApiSettings(65_536, 5, Duration.ofSeconds(30), 8, 1_000,
            Set.of()), clock);

    private void fail(String name, String source, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(throttle.admit(name, source)).isEmpty();
            throttle.failed(name, source);
            clock.advance(Duration.ofMillis(100));
        }
    }

    @Test
    void aGuesserLocksANameOnlyForThemselves() {
        fail("li", "203.0.113.7", 5);

        assertThat(throttle.admit("li", "203.0.113.7")).hasValueSatisfying(r -> {
            assertThat(r.reason()).contains("this name from here");
            assertThat(r.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30));
        });
        assertThat(throttle.admit("li", "198.51.100.20")).as("the person at their own desk").isEmpty();
    }

    @Test
    void aSourceSprayingManyNamesIsLockedAsAWhole() {
        for (int i = 0; i < 8; i++) {
            fail("user-" + i, "203.0.113.9", 1);
        }

        assertThat(throttle.admit("someone-else", "203.0.113.9")).hasValueSatisfying(r ->
                assertThat(r.reason()).contains("from here"));
        assertThat(throttle.admit("someone-else", "198.51.100.20")).isEmpty();
    }

    @Test
    void aSuccessClearsItsNameAndSourceButNotTheSourcesTrail() {
        fail("mine", "203.0.113.5", 4);
        throttle.succeeded("mine", "203.0.113.5");
        fail("mine", "203.0.113.5", 3);
        assertThat(throttle.admit("mine", "203.0.113.5")).as("the pair's run began anew: 3 of 5").isEmpty();
        fail("other", "203.0.113.5", 1);
        assertThat(throttle.admit("third", "203.0.113.5")).as("8 failures from the source all the same").isPresent();
    }

    @Test
    void allSourcesTogetherGetABudgetOfChecksPerSecond() {
        LoginThrottle tight = new LoginThrottle(new ApiSettings(65_536, 5, Duration.ofSeconds(30), 50, 3, Set.of()),
                clock);
        for (int i = 0; i < 3; i++) {
            assertThat(tight.admit("name-" + i, "10.0.0." + i)).isEmpty();
        }
        assertThat(tight.admit("name-x", "10.0.0.99")).hasValueSatisfying(r -> {
            assertThat(r.reason()).contains("at once");
            assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        });
        clock.advance(Duration.ofMillis(400));
        assertThat(tight.admit("name-x", "10.0.0.99")).as("a check's worth refilled in a third of a second").isEmpty();
        assertThat(tight.admit("name-y", "10.0.0.98")).isPresent();
    }
}
