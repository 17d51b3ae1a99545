package io.anju.cases.notify;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {
    private final Backoff backoff = new Backoff(6, Duration.ofSeconds(2), Duration.ofSeconds(30), 0.2);

    @Test
    void doublesPerFailedAttemptUpToTheCapWithoutJitter() {
        assertThat(backoff.delayAfter(1, () -> 0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delayAfter(2, () -> 0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.delayAfter(3, () -> 0)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.delayAfter(4, () -> 0)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.delayAfter(5, () -> 0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delayAfter(1000, () -> 0)).as("no overflow").isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jitterShortensTheWaitByAtMostItsShare() {
        assertThat(backoff.delayAfter(3, () -> 0.999_999)).isBetween(Duration.ofMillis(6400), Duration.ofMillis(6401));
        assertThat(backoff.delayAfter(3, () -> 0.5)).isEqualTo(Duration.ofMillis(7200));
        java.util.Random seeded = new java.util.Random(42);
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.delayAfter(2, seeded::nextDouble)).isBetween(Duration.ofMillis(3200), Duration.ofSeconds(4));
        }
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        assertThat(backoff.exhaustedAfter(5)).isFalse();
        assertThat(backoff.exhaustedAfter(6)).isTrue();
        assertThat(new Backoff(1, Duration.ofSeconds(1), Duration.ofSeconds(1), 0).exhaustedAfter(1)).isTrue();
    }

    @Test
    void validationNamesTheSetting() {
        assertThatThrownBy(() -> new Backoff(0, Duration.ofSeconds(1), Duration.ofSeconds(2), 0.2).validate("notify.webhook"))
                .hasMessage("setting notify.webhook.maxAttempts = '0': must be at least 1");
        assertThatThrownBy(() -> new Backoff(3, Duration.ofSeconds(5), Duration.ofSeconds(2), 0.2).validate("notify.export"))
                .hasMessage("setting notify.export.maxBackoff = '2s': must be at least notify.export.initialBackoff (5s)");
        assertThatThrownBy(() -> new Backoff(3, Duration.ZERO, Duration.ofSeconds(2), 0.2).validate("notify.webhook"))
                .hasMessage("setting notify.webhook.initialBackoff = '0s': must be positive");
    }
}
