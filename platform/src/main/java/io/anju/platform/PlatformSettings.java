package io.anju.platform;

import io.anju.common.config.Require;
import io.anju.common.influx.InfluxCredentials;
import io.anju.sim.run.DeviceFilter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How the one-process platform runs. Validated at construction: a bad value fails at start, naming its flag.
 *
 * @param dataDir   everything the platform keeps: registry, Kafka log, Flink checkpoints, PostgreSQL, ground truth
 *                  (default {@code ./data}); a second run continues from it
 * @param bindHost  address the HTTP and MQTT listeners bind to (default {@code 127.0.0.1}: the demo users have a
 *                  published password)
 * @param ports     every listener's port
 * @param influxUrl InfluxDB for the history job and the dashboards' charts; null: alerts and cases work, no history
 * @param influxCredentials that InfluxDB's credentials file (scripts/influxdb.sh's {@code credentials.properties}),
 *                  read by the jobs, the case service and the dashboards; null: an InfluxDB without authentication
 * @param simulate  play the demo scenario's devices in this process (default true)
 * @param devices   which devices to play besides the scenario's own (simulator {@code --devices}; default
 *                  {@code limit=400}: Paho costs about four threads per device)
 * @param speed     simulated seconds per real second (default 10: the demo faults show within about a minute)
 * @param seed      seed of the simulator's randomness (default 1)
 * @param faultsAfter simulated time from the start of the demo's evening to its faults (default 1 min: a minute of
 *                  normal readings gives the detectors a baseline; bounds 1 min … 12 h). Later faults leave time to
 *                  look at the district before them (at 10×, 5 min is 30 s of real time).
 * @param cases     further case-service settings (docs/configuration.md), e.g. {@code notify.sms.url} to reach
 *                  phones; default none. The settings the platform wires itself are refused, naming them.
 */
public record PlatformSettings(Path dataDir, String bindHost, Ports ports, String influxUrl, Path influxCredentials,
                               boolean simulate,
                               String devices, double speed, long seed, Duration faultsAfter,
                               Map<String, String> cases) {
    public static final String DEFAULT_DEVICES = "limit=400";
    public static final double DEFAULT_SPEED = 10;
    public static final Duration DEFAULT_FAULTS_AFTER = Duration.ofMinutes(1);
    static final Duration MIN_FAULTS_AFTER = Duration.ofMinutes(1);
    static final Duration MAX_FAULTS_AFTER = Duration.ofHours(12);
    /** The case-service settings the platform sets itself (its ports, data, Kafka and the demo's pace). */
    static final Set<String> WIRED_CASES_SETTINGS = Set.of("http.host", "http.port", "registry.file", "data.dir",
            "kafka.bootstrap", "deadlines.scale", "commands.influx.url", "commands.influx.credentialsFile",
            "commands.readingMaxAge");

    public PlatformSettings {
        Require.that(dataDir != null, "--data-dir", null, "is required");
        Require.present("--bind", bindHost);
        Require.that(ports != null, "platform.ports", null, "is required");
        Require.that(influxUrl == null || influxUrl.matches("https?://[^/\\s]+(/.*)?"), "--influx-url", influxUrl,
                "must be http(s)://host:port");
        if (influxCredentials != null) {
            Require.that(influxUrl != null, "--influx-credentials", influxCredentials, "needs --influx-url");
            InfluxCredentials.read("--influx-credentials", influxCredentials); // fails at start, naming the flag
        }
        Require.that(speed > 0 && speed <= 1_000, "--speed", speed, "must be above 0 and at most 1000");
        Require.between("--faults-after", faultsAfter, MIN_FAULTS_AFTER, MAX_FAULTS_AFTER);
        cases = Map.copyOf(cases == null ? Map.of() : cases);
        for (String key : cases.keySet()) {
            Require.that(!WIRED_CASES_SETTINGS.contains(key), "--cases " + key, cases.get(key),
                    "is set by the platform itself");
        }
        try {
            DeviceFilter.parse(devices);
        } catch (IllegalArgumentException e) {
            throw Require.failure("--devices", devices, e.getMessage());
        }
    }

    /** The defaults of {@code ./anju demo}, with data under {@code dataDir}. */
    public static PlatformSettings defaults(Path dataDir) {
        return builder(dataDir).build();
    }

    /** Settings from the defaults of {@code ./anju demo} on, with data under {@code dataDir}; checked when built. */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /** {@link #influxCredentials} as a service's credentials-file setting: empty for none. */
    public String influxCredentialsSetting() {
        return influxCredentials == null ? "" : influxCredentials.toString();
    }

    /**
     * The case service's pace: the demo plays the world at {@link #speed}, so people's deadlines run at it too (a
     * fire-risk case nobody acknowledges escalates within the demo's first minute); never slower than real time.
     */
    public double casesDeadlineScale() {
        return Math.max(1, speed);
    }

    public Path registryFile() {
        return dataDir.resolve("registry.json");
    }

    public Path credentialsFile() {
        return dataDir.resolve("credentials.csv");
    }

    /**
     * The jobs' wall-clock "quiet partition" knob, scaled with the simulator's speed (a simulated minute), so
     * event-time timers of silent devices fire as they would at real speed; never below 200 ms.
     */
    public Duration jobsQuietAfter() {
        return Duration.ofMillis(Math.max(200, Math.round(60_000 / speed)));
    }

    /**
     * The jobs' clock tolerance in simulated time: 30 s of real delay scaled with the simulator's speed, so a reading
     * that waited in a busy demo JVM keeps its own time as it would at real speed; never below the jobs' 30 s.
     */
    public Duration jobsClockTolerance() {
        return Duration.ofMillis(Math.max(30_000, Math.round(30_000 * speed)));
    }

    /**
     * How long, in simulated time, a port stopped automatically has to show it off in its readings: 10 s of real time
     * (the command's trip through Kafka, the gateway and the charger, in a busy demo JVM) scaled with the simulator's
     * speed; never below the jobs' 60 s.
     */
    public Duration jobsStopConfirmWithin() {
        return Duration.ofMillis(Math.max(60_000, Math.round(10_000 * speed)));
    }

    /**
     * How old, in simulated time, a port's newest temperature in InfluxDB may be for the case service to judge a resume
     * by it: 60 s of real time (the history job writes a minute after it ends and flushes at its checkpoints) scaled
     * with the simulator's speed; never below the case service's 5 min (nor above its bound, 24 h).
     */
    public Duration casesReadingMaxAge() {
        return Duration.ofMillis(Math.min(86_400_000, Math.max(300_000, Math.round(60_000 * speed))));
    }

    /** The settings one at a time, each at the demo's default until set; all are checked by {@link #build()}. */
    public static final class Builder {
        private final Path dataDir;
        private String bindHost = "127.0.0.1";
        private Ports ports = Ports.defaults();
        private String influxUrl;
        private Path influxCredentials;
        private boolean simulate = true;
        private String devices = DEFAULT_DEVICES;
        private double speed = DEFAULT_SPEED;
        private long seed = 1;
        private Duration faultsAfter = DEFAULT_FAULTS_AFTER;
        private Map<String, String> cases = Map.of();

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        public Builder bindHost(String value) {
            bindHost = value;
            return this;
        }

        public Builder ports(Ports value) {
            ports = value;
            return this;
        }

        public Builder influxUrl(String value) {
            influxUrl = value;
            return this;
        }

        /** That InfluxDB's credentials file; null: none. */
        public Builder influxCredentials(Path value) {
            influxCredentials = value;
            return this;
        }

        public Builder simulate(boolean value) {
            simulate = value;
            return this;
        }

        public Builder devices(String value) {
            devices = value;
            return this;
        }

        public Builder speed(double value) {
            speed = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder faultsAfter(Duration value) {
            faultsAfter = value;
            return this;
        }

        public Builder cases(Map<String, String> value) {
            cases = value;
            return this;
        }

        /** The settings; a bad value fails naming its flag. */
        public PlatformSettings build() {
            return new PlatformSettings(dataDir, bindHost, ports, influxUrl, influxCredentials, simulate, devices, speed,
                    seed, faultsAfter, cases);
        }
    }

    /**
     * Listener ports. 0 means any free port for every listener but {@code jobsMetrics}, where 0 turns Flink's
     * Prometheus reporter off (the jobs' /metrics then shows only whether each job runs).
     *
     * @param mqtt           MQTT of the gateway (default 1883)
     * @param kafka          the embedded Kafka broker, on 127.0.0.1 (default 9092)
     * @param gatewayHttp    the gateway's /health and /metrics (default 9080)
     * @param jobsHttp       the jobs' /health and /metrics (default 9081)
     * @param casesHttp      the case service's API (default 8081)
     * @param dashboardsHttp the dashboards (default 8080)
     * @param jobsMetrics    Flink's Prometheus reporter on 127.0.0.1 (default 9249; 0 = off)
     */
    public record Ports(int mqtt, int kafka, int gatewayHttp, int jobsHttp, int casesHttp, int dashboardsHttp,
                        int jobsMetrics) {
        public Ports {
            Require.between("--mqtt-port", mqtt, 0, 65_535);
            Require.between("--kafka-port", kafka, 0, 65_535);
            Require.between("--gateway-http-port", gatewayHttp, 0, 65_535);
            Require.between("--jobs-http-port", jobsHttp, 0, 65_535);
            Require.between("--cases-http-port", casesHttp, 0, 65_535);
            Require.between("--dashboards-http-port", dashboardsHttp, 0, 65_535);
            Require.between("--jobs-metrics-port", jobsMetrics, 0, 65_535);
        }

        public static Ports defaults() {
            return new Ports(1883, 9092, 9080, 9081, 8081, 8080, 9249);
        }

        /** Any free port everywhere, Flink's reporter off: tests, and several platforms on one machine. */
        public static Ports anyFree() {
            return new Ports(0, 0, 0, 0, 0, 0, 0);
        }
    }
}
