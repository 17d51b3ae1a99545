package io.anju.jobs.history;

import io.anju.common.config.Require;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Where and how the history job writes to InfluxDB (v1 HTTP API, which InfluxDB 1.x, 2.x and 3.x accept). Built by
 * the jobs' settings table ({@code influx.*}, docs/configuration.md), which holds every default and bound; this record
 * keeps only the rules between values and the shape of a URL, each failing naming its setting.
 *
 * @param url              {@code http(s)://host:port} of InfluxDB; null means "no history is written"
 * @param database         database the points go to; created at start if missing
 * @param retentionPolicy  retention policy of the writes; must exist
 * @param batchSize        points per write request; a full batch is written at once
 * @param flushInterval    a partly filled batch is written at the latest after this long
 * @param maxRetries       retries of a failed write before the job fails and restarts from its last checkpoint
 * @param initialBackoff   wait before the first retry; doubles per retry
 * @param maxBackoff       upper bound of the wait between retries (at least {@code initialBackoff})
 * @param username         optional; with {@code password} for an InfluxDB with authentication
 * @param password         optional; never printed
 */
public record InfluxSettings(String url, String database, String retentionPolicy, int batchSize,
                             Duration flushInterval, int maxRetries, Duration initialBackoff, Duration maxBackoff,
                             String username, String password) implements Serializable {

    public InfluxSettings {
        if (url != null) {
            checkUrl(url);
        }
        Require.present("influx.db", database);
        Require.that(retentionPolicy != null && !retentionPolicy.isBlank(), "influx.retentionPolicy", retentionPolicy,
                "is required (InfluxDB's default policy is autogen)");
        Require.that(maxBackoff.compareTo(initialBackoff) >= 0, "influx.maxBackoff", maxBackoff,
                "must be at least influx.initialBackoff");
        Require.that((username == null) == (password == null), "influx.username", username,
                "must be given together with influx.password");
    }

    public boolean enabled() {
        return url != null;
    }

    public InfluxSettings withUrl(String newUrl) {
        return new InfluxSettings(newUrl, database, retentionPolicy, batchSize, flushInterval, maxRetries,
                initialBackoff, maxBackoff, username, password);
    }

    public InfluxSettings withDatabase(String newDatabase) {
        return new InfluxSettings(url, newDatabase, retentionPolicy, batchSize, flushInterval, maxRetries,
                initialBackoff, maxBackoff, username, password);
    }

    public InfluxSettings withBatching(int newBatchSize, Duration newFlushInterval) {
        return new InfluxSettings(url, database, retentionPolicy, newBatchSize, newFlushInterval, maxRetries,
                initialBackoff, maxBackoff, username, password);
    }

    public InfluxSettings withRetries(int newMaxRetries, Duration newInitialBackoff, Duration newMaxBackoff) {
        return new InfluxSettings(url, database, retentionPolicy, batchSize, flushInterval, newMaxRetries,
                newInitialBackoff, newMaxBackoff, username, password);
    }

    public InfluxSettings withCredentials(String newUsername, String newPassword) {
        return new InfluxSettings(url, database, retentionPolicy, batchSize, flushInterval, maxRetries,
                initialBackoff, maxBackoff, newUsername, newPassword);
    }

    /** The wait before retry {@code attempt} (1-based): initialBackoff doubled per attempt, capped at maxBackoff. */
    public Duration backoff(int attempt) {
        long ms = initialBackoff.toMillis();
        for (int i = 1; i < attempt && ms < maxBackoff.toMillis(); i++) {
            ms *= 2;
        }
        return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
    }

    @Override
    public String toString() {
        return "InfluxSettings[url=" + url + ", database=" + database + ", retentionPolicy=" + retentionPolicy
                + ", batchSize=" + batchSize + ", flushInterval=" + flushInterval + ", maxRetries=" + maxRetries
                + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff + ", username=" + username
                + ", password=" + (password == null ? null : "****") + "]";
    }

    private static void checkUrl(String url) {
        String rule = "must be http(s)://host:port";
        try {
            URI uri = new URI(url);
            boolean httpScheme = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath());
            Require.that(httpScheme && uri.getHost() != null && uri.getPort() > 0 && uri.getPort() <= 65_535 && bare
                    && uri.getRawQuery() == null && uri.getUserInfo() == null, "influx.url", url, rule);
        } catch (URISyntaxException e) {
            throw Require.failure("influx.url", url, rule);
        }
    }
}
