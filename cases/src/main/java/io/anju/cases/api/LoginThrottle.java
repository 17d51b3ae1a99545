package io.anju.cases.api;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Slows password guessing without letting anyone lock a person out. Failures are counted per name and source
 * together: a guesser who locks a name from their address has not locked it for the person at another. A source
 * that fails with many names (spraying one password over a list) is locked as a whole after more failures. And all
 * sign-in checks together are held to a budget per second ({@link AttemptBudget}), which bounds the PBKDF2 work that
 * any number of sources can cause. A success resets its name and source's count (not the source's own: an
 * attacker's own account must not wipe their trail).
 */
final class LoginThrottle {

    /** Why a sign-in is refused now, and when to try again. */
    record Refusal(String reason, Duration retryAfter) {
    }

    private final FailureRuns byNameAndSource;
    private final FailureRuns bySource;
    private final AttemptBudget budget;

    LoginThrottle(ApiSettings settings, Clock clock) {
        this.byNameAndSource = new FailureRuns(settings.loginMaxFailures(), settings.loginLockout(), clock);
        this.bySource = new FailureRuns(settings.loginSourceMaxFailures(), settings.loginLockout(), clock);
        this.budget = new AttemptBudget(settings.loginPerSecond(), clock);
    }

    /** Empty when this sign-in may be checked now (it then counts against the budget), else why not. */
    Optional<Refusal> admit(String name, String source) {
        Optional<Duration> pair = byNameAndSource.lockedFor(key(name, source));
        if (pair.isPresent()) {
            return Optional.of(new Refusal("too many failed sign-ins for this name from here", pair.get()));
        }
        Optional<Duration> from = bySource.lockedFor(source);
        if (from.isPresent()) {
            return Optional.of(new Refusal("too many failed sign-ins from here", from.get()));
        }
        if (!budget.take()) {
            return Optional.of(new Refusal("too many sign-ins at once", Duration.ofSeconds(1)));
        }
        return Optional.empty();
    }

    void failed(String name, String source) {
        byNameAndSource.failed(key(name, source));
        bySource.failed(source);
    }

    void succeeded(String name, String source) {
        byNameAndSource.succeeded(key(name, source));
    }

    private static String key(String name, String source) {
        return name + '\u0000' + source;
    }
}
