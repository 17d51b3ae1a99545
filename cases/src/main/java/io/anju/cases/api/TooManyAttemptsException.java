package io.anju.cases.api;

import java.time.Duration;

/** A sign-in refused by the {@link LoginThrottle}: a locked name and source, a locked source, or a spent budget. */
final class TooManyAttemptsException extends RuntimeException {
    private final Duration retryAfter;

    TooManyAttemptsException(LoginThrottle.Refusal refusal) {
        super(refusal.reason() + "; try again in " + Math.max(1, (refusal.retryAfter().toMillis() + 999) / 1000) + " s");
        this.retryAfter = refusal.retryAfter();
    }

    long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
