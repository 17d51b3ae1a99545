package io.anju.cases.notify;

import io.anju.common.config.Require;

import java.time.Duration;

/**
 * One webhook receiver: where to POST, the shared secret that signs requests, and how hard to try.
 * Settings {@code notify.webhook.*} for people-facing notifications and {@code notify.export.*} for the export.
 *
 * @param url            http(s) URL to POST to; null disables the channel (default null)
 * @param secret         HMAC-SHA256 key shared with the receiver, ≥ 16 characters when url is set
 * @param timeout        per request (default 10 s)
 * @param maxAttempts    attempts in all before the delivery is given up (default 10)
 * @param initialBackoff wait after the first failure (default 2 s), doubling per attempt
 * @param maxBackoff     the longest wait between attempts (default 5 min)
 */
public record WebhookSettings(String url, String secret, Duration timeout, int maxAttempts, Duration initialBackoff,
                              Duration maxBackoff) {

    public static final int MIN_SECRET_LENGTH = 16;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_ATTEMPTS = 10;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(2);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);

    /** The defaults, disabled until a URL and a secret are given. */
    public static WebhookSettings defaults() {
        return new WebhookSettings(null, null, DEFAULT_TIMEOUT, DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF,
                DEFAULT_MAX_BACKOFF);
    }

    public WebhookSettings withTarget(String url, String secret) {
        return new WebhookSettings(url, secret, timeout, maxAttempts, initialBackoff, maxBackoff);
    }

    public boolean enabled() {
        return url != null && !url.isBlank();
    }

    /** Validates, naming settings under {@code prefix} (e.g. {@code notify.webhook}). */
    public WebhookSettings validate(String prefix) {
        Require.positive(prefix + ".timeout", timeout);
        backoff().validate(prefix);
        if (enabled()) {
            Settings.httpUrl(prefix, url);
            Settings.secret(prefix, secret, MIN_SECRET_LENGTH);
        }
        return this;
    }

    public Backoff backoff() {
        return new Backoff(maxAttempts, initialBackoff, maxBackoff, Backoff.DEFAULT_JITTER);
    }
}
