package io.anju.cases.notify;

import io.anju.common.alert.Severity;
import io.anju.common.config.Require;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;

/**
 * One push channel's receiver (WeCom robot, DingTalk robot, SMS gateway). Settings {@code notify.<channel>.*}; the
 * timing is shared with the webhooks ({@code webhook.timeout}, {@code webhook.maxAttempts}, {@code webhook.*Backoff}).
 *
 * @param url         http(s) URL to POST to; null or blank leaves the channel off
 * @param secret      the signing secret (DingTalk's {@code SEC…}, the SMS gateway's shared secret); null when the
 *                    channel signs nothing (WeCom: the key is in the URL)
 * @param minSeverity cases below this severity do not go to this channel
 * @param timeout     per request
 * @param retry       attempts and backoff
 */
public record PushSettings(String url, String secret, Severity minSeverity, Duration timeout, Backoff retry) {

    public boolean enabled() {
        return url != null && !url.isBlank();
    }

    /**
     * Validates, naming settings under {@code prefix} (e.g. {@code notify.dingtalk}): an http(s) URL with a host and
     * the query parameter {@code urlParam} (null: none needed), and a secret of at least {@code minSecret} characters
     * (0: none needed).
     */
    public PushSettings validate(String prefix, String urlParam, int minSecret) {
        Require.that(minSeverity != null, prefix + ".minSeverity", null, "is required (blue, yellow, orange or red)");
        Require.positive("webhook.timeout", timeout);
        Require.that(retry != null, "webhook.maxAttempts", null, "is required");
        retry.validate("webhook");
        if (!enabled()) {
            return this;
        }
        URI uri = Settings.httpUrl(prefix, url);
        if (urlParam != null) {
            String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
            boolean has = Arrays.stream(query.split("&"))
                    .anyMatch(p -> p.startsWith(urlParam + "=") && p.length() > urlParam.length() + 1);
            Require.that(has, prefix + ".url", url, "must carry the robot's " + urlParam + "=… query parameter");
        }
        if (minSecret > 0) {
            Settings.secret(prefix, secret, minSecret);
        }
        return this;
    }
}
