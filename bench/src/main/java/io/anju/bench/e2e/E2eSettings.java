package io.anju.bench.e2e;

import io.anju.common.config.Require;
import io.anju.common.influx.InfluxCredentials;
import io.anju.common.topic.KafkaConnection;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One run of the end-to-end benchmark. Validated at construction, naming the flag.
 *
 * @param rate          messages/s the load aims at, QoS 1 (default 25,000)
 * @param duration      how long the load publishes (default 10 min; quick mode 60 s)
 * @param connections   load connections, one load charger each (default 5,000: 5 msg/s per device at 25,000/s,
 *                      so no device comes near the gateway's per-device limit of 50/s)
 * @param window        QoS 1 PUBLISHes in flight per connection (default 10, 2 s of a device's messages)
 * @param connectRate   new load connections per second (default 400: under the gateway's default 500/s)
 * @param probePeriod   how often the probe counter publishes (default 1 s)
 * @param drainTimeout  after the load, how long to wait for the history job to write what Kafka holds (default 5 min)
 * @param warmupTimeout how long the probe may take to show on the dashboard before the load starts (default 3 min)
 * @param viewer        the dashboards user watching {@code /api/live} (default {@code district}, the demo district
 *                      operator, who sees every zone and compound); also the case service user the case probe reads
 *                      cases as
 * @param caseProbeChargers district chargers the case probe plays (default 8, 2..64: at least one per partition of the
 *                      charger topic, 6 by default, so the jobs' lag gauges stay meaningful after the load)
 * @param caseProbeEvery  one port overload (and its clear half a second later) this often (default 1 s, 1 s..1 min)
 */
public record E2eSettings(int rate, Duration duration, int connections, int window, int connectRate,
                          Duration probePeriod, Duration drainTimeout, Duration warmupTimeout, String viewer,
                          int caseProbeChargers, Duration caseProbeEvery) {

    public static final int DEFAULT_RATE = 25_000;
    public static final Duration DEFAULT_DURATION = Duration.ofMinutes(10);
    public static final Duration QUICK_DURATION = Duration.ofSeconds(60);
    public static final int DEFAULT_CONNECTIONS = 5_000;
    /** The goal: the alerting job's lag ≤ 1 s throughout the load. */
    public static final Duration ALERTING_LAG_GOAL = Duration.ofSeconds(1);
    /** The goal: device publish → case committed, p99 ≤ 250 ms. */
    public static final Duration CASE_P99_GOAL = Duration.ofMillis(250);
    /**
     * History counts as recovered once its lag is under this: the chargers' sink writes every second, and a point
     * takes a moment through the job.
     */
    public static final Duration HISTORY_RECOVERED_BELOW = Duration.ofSeconds(5);

    public E2eSettings {
        Require.between("--rate", rate, 1, 1_000_000);
        Require.that(duration != null && duration.toSeconds() >= 10 && duration.toHours() < 24, "--duration",
                duration, "must be 10s or more, under 24h");
        Require.between("--connections", connections, 1, 99_999);
        Require.between("--window", window, 1, 65_535);
        Require.atLeast("--connect-rate", connectRate, 1);
        // probePeriod and warmupTimeout have no flag: only code sets them.
        Require.that(probePeriod != null && probePeriod.toMillis() >= 100, "bench.probePeriod", probePeriod,
                "must be at least 100ms");
        Require.that(drainTimeout != null && !drainTimeout.isNegative(), "--drain-timeout", drainTimeout,
                "must not be negative");
        Require.that(warmupTimeout != null && warmupTimeout.toSeconds() >= 10, "bench.warmupTimeout", warmupTimeout,
                "must be at least 10s");
        Require.present("--viewer", viewer);
        Require.between("--case-probe-chargers", caseProbeChargers, 2, 64);
        Require.that(caseProbeEvery != null && caseProbeEvery.toMillis() >= 1_000 && caseProbeEvery.toSeconds() <= 60,
                "--case-probe-every", caseProbeEvery, "must be between 1s and 1m");
    }

    public static E2eSettings defaults() {
        return new E2eSettings(DEFAULT_RATE, DEFAULT_DURATION, DEFAULT_CONNECTIONS, 10, 400, Duration.ofSeconds(1),
                Duration.ofMinutes(5), Duration.ofMinutes(3), "district", 8, Duration.ofSeconds(1));
    }

    /** Where the platform under test is and how to start the load: not settings of the run, but its surroundings. */
    public record Target(String dashboardsUrl, String gatewayUrl, KafkaConnection kafka, String influxUrl,
                         InfluxCredentials influxCredentials, String jobsMetricsUrl, String casesUrl, String mqttHost,
                         int mqttPort, Path registry, Path credentials, long platformPid, String launcher,
                         String loadJavaOpts, Path workDir) {
    }
}
