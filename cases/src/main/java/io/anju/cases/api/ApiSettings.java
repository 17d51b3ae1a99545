package io.anju.cases.api;

import java.time.Duration;

/**
 * Limits of the HTTP API.
 *
 * @param maxBodyBytes     largest request body accepted (default 65,536 bytes; 1 KiB to 10 MiB); larger ones get 413
 * @param loginMaxFailures failed sign-ins in a row for one name before it is locked (default 5; 1 to 100)
 * @param loginLockout     how long a locked name is refused (default PT30S; 1 s to 1 h)
 */
public record ApiSettings(int maxBodyBytes, int loginMaxFailures, Duration loginLockout) {

    public static final int DEFAULT_MAX_BODY_BYTES = 65_536;
    public static final int DEFAULT_LOGIN_MAX_FAILURES = 5;
    public static final Duration DEFAULT_LOGIN_LOCKOUT = Duration.ofSeconds(30);

    public ApiSettings {
        if (maxBodyBytes < 1024 || maxBodyBytes > 10 * 1024 * 1024) {
            throw new IllegalArgumentException("api.maxBodyBytes must be between 1024 and 10485760 (was " + maxBodyBytes + ")");
        }
        if (loginMaxFailures < 1 || loginMaxFailures > 100) {
            throw new IllegalArgumentException("api.loginMaxFailures must be between 1 and 100 (was " + loginMaxFailures + ")");
        }
        if (loginLockout == null || loginLockout.compareTo(Duration.ofSeconds(1)) < 0
                || loginLockout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("api.loginLockout must be between PT1S and PT1H (was " + loginLockout + ")");
        }
    }

    public static ApiSettings defaults() {
        return new ApiSettings(DEFAULT_MAX_BODY_BYTES, DEFAULT_LOGIN_MAX_FAILURES, DEFAULT_LOGIN_LOCKOUT);
    }
}
