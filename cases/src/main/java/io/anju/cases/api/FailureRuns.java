package io.anju.cases.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs of failed sign-ins per key: after {@code maxFailures} in a row a key is refused for {@code lockout}. Failures
 * spread wider apart than the lockout start a new run, and so does a lockout that has passed. In memory: a restart
 * forgets the counts, which only gives a guesser another few tries.
 */
final class FailureRuns {
    /** Above this many tracked keys, stale entries are dropped so random keys cannot grow the map without end. */
    private static final int PURGE_ABOVE = 10_000;

    private record Failures(int count, Instant last, Instant lockedUntil) {
    }

    private final int maxFailures;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, Failures> byKey = new ConcurrentHashMap<>();

    FailureRuns(int maxFailures, Duration lockout, Clock clock) {
        this.maxFailures = maxFailures;
        this.lockout = lockout;
        this.clock = clock;
    }

    /** How long {@code key} is still locked, or empty when it may try. */
    Optional<Duration> lockedFor(String key) {
        Failures f = byKey.get(key);
        Instant now = clock.instant();
        if (f == null || f.lockedUntil() == null || !now.isBefore(f.lockedUntil())) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, f.lockedUntil()));
    }

    void failed(String key) {
        Instant now = clock.instant();
        byKey.compute(key, (n, f) -> {
            int count = f == null || f.last().plus(lockout).isBefore(now) || f.lockedUntil() != null ? 1 : f.count() + 1;
            return new Failures(count, now, count >= maxFailures ? now.plus(lockout) : null);
        });
        if (byKey.size() > PURGE_ABOVE) {
            byKey.values().removeIf(f -> f.last().plus(lockout).isBefore(now)
                    && (f.lockedUntil() == null || f.lockedUntil().isBefore(now)));
        }
    }

    void succeeded(String key) {
        byKey.remove(key);
    }
}
