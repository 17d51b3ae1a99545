package io.anju.cases.api;

import java.time.Duration;
import java.util.Set;

/**
 * Limits of the HTTP API.
 *
 * @param maxBodyBytes           largest request body accepted (default 65,536 bytes; 1 KiB to 10 MiB); larger ones get 413 (a device CSV import takes up to 16 MiB whatever this says)
 * @param loginMaxFailures       failed sign-ins in a row for one name from one source before that pair is locked
 *                               ({@code login.maxFailures}, default 5; 1 to 100)
 * @param loginLockout           how long a locked pair or source is refused ({@code login.lockout}, default 30 s;
 *                               1 s to 1 h)
 * @param loginSourceMaxFailures failed sign-ins in a row from one source, whatever the names, before the source is
 *                               locked ({@code login.sourceMaxFailures}, default 50; 1 to 100,000)
 * @param loginPerSecond         sign-in checks started per second over all sources ({@code login.maxPerSecond},
 *                               default 10; 1 to 10,000): the bound on the PBKDF2 work
 * @param trustedProxies         peers whose {@code X-Forwarded-For} names a sign-in's source
 *                               ({@code login.trustedProxies}, default this host); literal IP addresses
 */
public record ApiSettings(int maxBodyBytes, int loginMaxFailures, Duration loginLockout, int loginSourceMaxFailures,
                          int loginPerSecond, Set<String> trustedProxies) {

    public static final int DEFAULT_MAX_BODY_BYTES = 65_536;
    public static final int DEFAULT_LOGIN_MAX_FAILURES = 5;
    public static final Duration DEFAULT_LOGIN_LOCKOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_LOGIN_SOURCE_MAX_FAILURES = 50;
    public static final int DEFAULT_LOGIN_PER_SECOND = 10;
    public static final int MAX_LOGIN_PER_SECOND = 10_000;
    public static final Set<String> DEFAULT_TRUSTED_PROXIES = Set.of("127.0.0.1", "::1");

    public ApiSettings {
        if (maxBodyBytes < 1024 || maxBodyBytes > 10 * 1024 * 1024) {
            throw new IllegalArgumentException("api.maxBodyBytes must be between 1024 and 10485760 (was " + maxBodyBytes + ")");
        }
        if (loginMaxFailures < 1 || loginMaxFailures > 100) {
            throw new IllegalArgumentException("login.maxFailures must be between 1 and 100 (was " + loginMaxFailures + ")");
        }
        if (loginLockout == null || loginLockout.compareTo(Duration.ofSeconds(1)) < 0
                || loginLockout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("login.lockout must be between PT1S and PT1H (was " + loginLockout + ")");
        }
        if (loginSourceMaxFailures < 1 || loginSourceMaxFailures > 100_000) {
            throw new IllegalArgumentException("login.sourceMaxFailures must be between 1 and 100000 (was "
                    + loginSourceMaxFailures + ")");
        }
        if (loginPerSecond < 1 || loginPerSecond > MAX_LOGIN_PER_SECOND) {
            throw new IllegalArgumentException("login.maxPerSecond must be between 1 and 10000 (was " + loginPerSecond + ")");
        }
        for (String proxy : trustedProxies) {
            if (!SignInSource.isLiteral(proxy)) {
                throw new IllegalArgumentException("login.trustedProxies must list IP addresses (was '" + proxy + "')");
            }
        }
        trustedProxies = Set.copyOf(trustedProxies);
    }

    /** These settings with another bound on sign-in checks per second. */
    public ApiSettings withLoginPerSecond(int perSecond) {
        return new ApiSettings(maxBodyBytes, loginMaxFailures, loginLockout, loginSourceMaxFailures, perSecond,
                trustedProxies);
    }

    public static ApiSettings defaults() {
        return new ApiSettings(DEFAULT_MAX_BODY_BYTES, DEFAULT_LOGIN_MAX_FAILURES, DEFAULT_LOGIN_LOCKOUT,
                DEFAULT_LOGIN_SOURCE_MAX_FAILURES, DEFAULT_LOGIN_PER_SECOND, DEFAULT_TRUSTED_PROXIES);
    }
}
