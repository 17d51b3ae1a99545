package io.anju.cases.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code maxFailures} failed sign-ins in a row for one name, that name is refused for
 * {@code lockout}. Counted per name (not per address) because the target of guessing is an account. A success resets
 * the count. In memory: a restart forgets the counts, which only gives a guesser another few tries.
 */
final class LoginThrottle {
    /** Above this many tracked names, stale entries are dropped so random names cannot grow the map without end. */
    private static final int PURGE_ABOVE = 10_000;

    private record Failures(int count, Instant last, Instant lockedUntil) {
    }

    private final int maxFailures;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, Failures> byName = new ConcurrentHashMap<>();

    LoginThrottle(int maxFailures, Duration lockout, Clock clock) {
        this.maxFailures = maxFailures;
        this.lockout = lockout;
        this.clock = clock;
    }

    /** How long {@code name} is still locked, or empty when it may try. */
    Optional<Duration> lockedFor(String name) {
        Failures f = byName.get(name);
        Instant now = clock.instant();
        if (f == null || f.lockedUntil() == null || !now.isBefore(f.lockedUntil())) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, f.lockedUntil()));
    }

    void failed(String name) {
        Instant now = clock.instant();
        byName.compute(name, (n, f) -> {
            // Failures spread wider apart than the lockout start a new run.
            int count = f == null || f.last().plus(lockout).isBefore(now) || f.lockedUntil() != null ? 1 : f.count() + 1;
            return new Failures(count, now, count >= maxFailures ? now.plus(lockout) : null);
        });
        if (byName.size() > PURGE_ABOVE) {
            byName.values().removeIf(f -> f.last().plus(lockout).isBefore(now)
                    && (f.lockedUntil() == null || f.lockedUntil().isBefore(now)));
        }
    }

    void succeeded(String name) {
        byName.remove(name);
    }
}
