package io.anju.cases.api;

import java.time.Duration;

/** A sign-in refused because the name is locked after repeated failures. */
final class TooManyAttemptsException extends RuntimeException {
    private final Duration retryAfter;

    TooManyAttemptsException(Duration retryAfter) {
        super("too many failed sign-ins for this name; try again in " + Math.max(1, retryAfter.toSeconds()) + " s");
        this.retryAfter = retryAfter;
    }

    long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
