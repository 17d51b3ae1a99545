package io.anju.cases.auth;

import java.time.Duration;

/**
 * Settings of sign-in and tokens.
 *
 * @param passwordIterations PBKDF2 iterations for new password hashes (default 210,000, OWASP's figure for
 *                           PBKDF2-HMAC-SHA256); at least 10,000. Existing hashes keep the count they were made with.
 * @param minPasswordLength  shortest password a user may be given (default 10)
 * @param tokenTtl           how long a sign-in token is valid (default PT8H, one shift); 1 minute to 7 days
 */
public record AuthSettings(int passwordIterations, int minPasswordLength, Duration tokenTtl) {

    public static final int DEFAULT_PASSWORD_ITERATIONS = 210_000;
    public static final int DEFAULT_MIN_PASSWORD_LENGTH = 10;
    public static final Duration DEFAULT_TOKEN_TTL = Duration.ofHours(8);

    public AuthSettings {
        if (passwordIterations < 10_000) {
            throw new IllegalArgumentException("auth.passwordIterations must be ≥ 10000 (was " + passwordIterations + ")");
        }
        if (minPasswordLength < 8) {
            throw new IllegalArgumentException("auth.minPasswordLength must be ≥ 8 (was " + minPasswordLength + ")");
        }
        if (tokenTtl == null || tokenTtl.compareTo(Duration.ofMinutes(1)) < 0 || tokenTtl.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("auth.tokenTtl must be between PT1M and P7D (was " + tokenTtl + ")");
        }
    }

    public static AuthSettings defaults() {
        return new AuthSettings(DEFAULT_PASSWORD_ITERATIONS, DEFAULT_MIN_PASSWORD_LENGTH, DEFAULT_TOKEN_TTL);
    }
}
