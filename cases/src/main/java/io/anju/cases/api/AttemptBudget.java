package io.anju.cases.api;

import java.time.Clock;

/**
 * How many sign-in checks may start, over all names and sources together: {@code perSecond} a second, and as many
 * at once after a quiet spell (a token bucket). Each check hashes a password with PBKDF2 (70 ms of a core at the
 * default 210,000 iterations), so this bounds what a flood of sign-ins can take from the service, from any number
 * of sources.
 */
final class AttemptBudget {
    private final int perSecond;
    private final Clock clock;
    private double tokens;
    private long lastMillis;

    AttemptBudget(int perSecond, Clock clock) {
        this.perSecond = perSecond;
        this.clock = clock;
        this.tokens = perSecond;
        this.lastMillis = clock.millis();
    }

    /** Takes one check from the budget; false when it is spent for now. */
    synchronized boolean take() {
        long now = clock.millis();
        tokens = Math.min(perSecond, tokens + (now - lastMillis) * perSecond / 1000.0);
        lastMillis = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
