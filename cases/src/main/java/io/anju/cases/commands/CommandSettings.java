package io.anju.cases.commands;

import io.anju.cases.notify.Settings;
import io.anju.common.config.Require;
import io.anju.common.influx.InfluxCredentials;

import java.time.Duration;

/**
 * How the case service sends charger commands and judges a resume (settings {@code commands.*}, docs/cases.md).
 *
 * @param ttl            how long a command stays deliverable (the gateway holds it for an offline charger until then);
 *                       setting {@code commands.ttl}, default 1 min
 * @param readingMaxAge  a port's newest temperature older than this (device time) counts as unknown; setting
 *                       {@code commands.readingMaxAge}, default 5 min (an idle station reports every 90 s and a minute
 *                       point is written after its minute)
 * @param influxUrl      the history job's InfluxDB (v1 HTTP API); null = none, so every port temperature is unknown;
 *                       setting {@code commands.influx.url}
 * @param influxDatabase its database; setting {@code commands.influx.database}, default {@code anju}
 * @param influxCredentials user and password of that InfluxDB, from the file of
 *                       {@code commands.influx.credentialsFile}; null = none (an InfluxDB without authentication)
 * @param influxTimeout  how long a temperature query may take before the temperature counts as unknown; setting
 *                       {@code commands.influx.timeout}, default 2 s
 */
public record CommandSettings(Duration ttl, Duration readingMaxAge, String influxUrl, String influxDatabase,
                              InfluxCredentials influxCredentials, Duration influxTimeout) {

    public CommandSettings {
        Require.positive("commands.ttl", ttl);
        Require.positive("commands.readingMaxAge", readingMaxAge);
        Require.positive("commands.influx.timeout", influxTimeout);
        if (influxUrl != null) {
            Settings.httpUrl("commands.influx", influxUrl);
        }
        Require.that(influxDatabase != null && influxDatabase.matches("[A-Za-z0-9_-]{1,64}"),
                "commands.influx.database", influxDatabase, "must be 1-64 letters, digits, '_' or '-'");
    }

    public static CommandSettings defaults() {
        return new CommandSettings(Duration.ofMinutes(1), Duration.ofMinutes(5), null, "anju", null,
                Duration.ofSeconds(2));
    }

    public CommandSettings withInflux(String url) {
        return new CommandSettings(ttl, readingMaxAge, url, influxDatabase, influxCredentials, influxTimeout);
    }

    public CommandSettings withInfluxCredentials(InfluxCredentials credentials) {
        return new CommandSettings(ttl, readingMaxAge, influxUrl, influxDatabase, credentials, influxTimeout);
    }
}
