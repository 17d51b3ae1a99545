package io.anju.cases.notify;

import io.anju.common.config.Require;
import io.anju.common.config.Setting;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: after the n-th failed attempt wait {@code initial × 2^(n-1)}, capped at
 * {@code max}, shortened by a random share of up to {@code jitter} so receivers that failed together do not get
 * their retries together. After {@code maxAttempts} attempts the delivery is given up.
 *
 * @param maxAttempts attempts in all, the first included (≥ 1)
 * @param initial     wait after the first failure (&gt; 0)
 * @param max         the longest wait (≥ initial)
 * @param jitter      share of the wait that is random, 0–1 (default 0.2)
 */
public record Backoff(int maxAttempts, Duration initial, Duration max, double jitter) {

    public static final double DEFAULT_JITTER = 0.2;

    /** Validates, naming settings under {@code prefix} (e.g. {@code notify.webhook}). */
    public Backoff validate(String prefix) {
        Require.atLeast(prefix + ".maxAttempts", maxAttempts, 1);
        Require.positive(prefix + ".initialBackoff", initial);
        Require.positive(prefix + ".maxBackoff", max);
        Require.that(max.compareTo(initial) >= 0, prefix + ".maxBackoff", max,
                "must be at least " + prefix + ".initialBackoff (" + Setting.format(initial) + ")");
        Require.that(jitter >= 0 && jitter <= 1, prefix + ".jitter", jitter, "must be between 0 and 1");
        return this;
    }

    /** True when an attempt numbered {@code attempt} (1 = first) failing leaves no attempts. */
    public boolean exhaustedAfter(int attempt) {
        return attempt >= maxAttempts;
    }

    /** The wait after the {@code attempt}-th failed attempt; {@code random} yields values in [0, 1). */
    public Duration delayAfter(int attempt, DoubleSupplier random) {
        int doublings = Math.min(Math.max(attempt, 1) - 1, 30);
        long capMs = max.toMillis();
        long baseMs = Math.min(capMs, initial.toMillis() << doublings);
        if (baseMs < 0) {
            baseMs = capMs;
        }
        long jittered = Math.round(baseMs * (1 - jitter * random.getAsDouble()));
        return Duration.ofMillis(Math.max(1, jittered));
    }
}
