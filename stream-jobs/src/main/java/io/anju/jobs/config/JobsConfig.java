package io.anju.jobs.config;

import io.anju.common.alert.AlertType;
import io.anju.common.config.ConfigValues;
import io.anju.common.config.Require;
import io.anju.common.config.Setting;
import io.anju.common.http.MetricsAccess;
import io.anju.common.influx.InfluxCredentials;
import io.anju.common.topic.KafkaConnection;
import io.anju.jobs.command.AutoStopPolicy;
import io.anju.jobs.detect.DetectorSettings;
import io.anju.jobs.history.InfluxSettings;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.anju.common.config.Setting.choice;
import static io.anju.common.config.Setting.duration;
import static io.anju.common.config.Setting.integer;
import static io.anju.common.config.Setting.port;
import static io.anju.common.config.Setting.string;

/**
 * The stream jobs' configuration ({@code ./anju jobs} and the job jar): defaults, then {@code --config FILE}, then
 * {@code ANJU_JOBS_*} environment variables, then {@code --set key=value} and the flags. One table holds every
 * setting of the jobs and every detector threshold (docs/detectors.md) with its bounds; the settings records are
 * built from the loaded values, and a bad value fails at start naming the setting.
 */
public final class JobsConfig {

    /** Environment variables of the stream jobs: {@code http.port} → {@code ANJU_JOBS_HTTP_PORT}. */
    public static final String ENV_PREFIX = "ANJU_JOBS_";

    /** The state backends a run may use: state on the heap, or on local disk with incremental checkpoints. */
    public static final List<String> STATE_BACKENDS = List.of("hashmap", "rocksdb");

    private static final List<Setting> RUN = List.of(
            string("registry.file", "./data/registry.json", "Registry file; each task checks it every registry.poll and edits reach the running jobs (flag --registry)"),
            duration("registry.poll", "10s", "100ms", "1h", "How often each task checks the registry file for changes"),
            string("kafka.bootstrap", "", "Kafka bootstrap servers; empty = an embedded broker under data.dir on kafka.port (flag --bootstrap; the job jar needs it)"),
            string("kafka.clientConfig", "", "Kafka client properties file with the cluster's security settings (security.protocol, sasl.*, ssl.*; as Kafka tools' --command-config), read where the jobs are started or submitted; needs kafka.bootstrap; empty = PLAINTEXT (flag --kafka-client-config)"),
            port("kafka.port", 9092, "Port of the embedded broker when kafka.bootstrap is empty (flag --kafka-port)"),
            string("kafka.groupPrefix", "anju-jobs", "Prefix of the jobs' Kafka consumer groups (letters, digits, '.', '_', '-')"),
            string("influx.url", "", "InfluxDB (v1 HTTP API, http(s)://host:port) the history job writes to; empty = no history is written (flag --influx-url)"),
            string("influx.db", "anju", "InfluxDB database, created when missing (flag --influx-db)"),
            string("influx.retentionPolicy", "autogen", "Retention policy of the history's writes; it must exist (InfluxDB's default policy is autogen)"),
            integer("influx.batchSize", 5_000, 1, 100_000, "Points per write request; a full batch is written at once"),
            duration("influx.flushInterval", "1s", "10ms", "1m", "A partly filled batch is written at the latest after this long"),
            integer("influx.maxRetries", 5, 0, 100, "Retries of a failed write before the history job fails and restarts from its last checkpoint"),
            duration("influx.initialBackoff", "200ms", "1ms", "1m", "Wait before the first retry of a failed write; doubles per retry"),
            duration("influx.maxBackoff", "10s", "1ms", "10m", "Upper bound of the wait between retries; at least influx.initialBackoff"),
            string("influx.credentialsFile", "", "InfluxDB credentials file (username=, password=; mode 600, refused when group or others may read it), as scripts/influxdb.sh writes it to <its data dir>/credentials.properties; read where the jobs are started or submitted, the credentials travel in the job graph; needs influx.url; empty = none (flag --influx-credentials)"),
            string("data.dir", "./data", "Checkpoints, savepoints and the embedded broker (flag --data-dir)"),
            integer("parallelism", 2, 1, 64, "Operator parallelism (flag --parallelism)"),
            duration("checkpoint.interval", "10s", "100ms", "1h", "How often state and Kafka positions are saved; after a failure the jobs replay at most this much input. Alerts are written as they are emitted and never wait for a checkpoint (flag --checkpoint-interval)"),
            choice("state.backend", "hashmap", STATE_BACKENDS, "hashmap (state on the heap) or rocksdb (state on local disk, incremental checkpoints) (flag --state-backend)"),
            duration("time.outOfOrderness", "10s", "0s", "1h", "How late a device's reading may arrive and still count in order (flag --out-of-orderness)"),
            duration("time.clockTolerance", "30s", "0s", "24h", "How far a device's ts may be from the gateway's receive time and still be its reading's event time; further off the reading counts at its receive time and moves no one's event time (docs/detectors.md). Keep it well under the offline timeout less one heartbeat (180s) (flag --clock-tolerance)"),
            duration("time.quietAfter", "60s", "100ms", "1h", "Wall-clock silence after which a partition stops holding back event time (scale it down with a simulator's speed) (flag --quiet-after)"),
            duration("flink.bufferTimeout", "5ms", "0ms", "1s", "Flink's network buffer timeout: low for alert latency (Flink's own default is 100ms)"),
            port("http.port", 9081, "Port of /health and /metrics (flag --http-port)"),
            port("metrics.port", 9249, "Loopback port of Flink's Prometheus reporter, read by /metrics; 0 = off (flag --metrics-port)"),
            string("metrics.token", "", "Bearer token that lets callers read /metrics (16+ characters); empty = only callers on this host (loopback) may (flag --metrics-token)"),
            string("autoStop.types", "fire_risk", "Red alert types that stop a port automatically, comma-separated (fire_risk, port_overload); none = none (flag --auto-stop)"),
            string("autoStop.compounds", "", "Per compound, the types that stop a port there: cp-0042=fire_risk,port_overload;cp-0043=none (flag --auto-stop-compound cp-0042=..., repeatable)"),
            duration("autoStop.ttl", "5m", "1s", "1h", "How long an automatic stop stays deliverable (the gateway holds it for an offline charger until then)"));

    /** Every setting of the stream jobs, in documentation order: the run, then the detectors' thresholds. */
    public static final List<Setting> SETTINGS = Stream.of(RUN, DetectorSettings.SETTINGS).flatMap(List::stream).toList();

    private final ConfigValues values;
    private final JobsSettings settings;
    private final MetricsAccess metricsAccess;

    private JobsConfig(ConfigValues values) {
        this.values = values;
        this.metricsAccess = MetricsAccess.of(values.str("metrics.token"));
        String groupPrefix = values.str("kafka.groupPrefix");
        Require.that(groupPrefix.matches("[A-Za-z0-9._-]+"), "kafka.groupPrefix", groupPrefix,
                "must be letters, digits, '.', '_' or '-'");
        this.settings = new JobsSettings(kafka(), Path.of(values.str("registry.file")), influx(),
                Path.of(values.str("data.dir")), values.i("parallelism"), values.d("checkpoint.interval"),
                values.str("state.backend"), values.d("time.outOfOrderness"), values.d("time.clockTolerance"),
                values.d("time.quietAfter"), values.d("registry.poll"), values.d("flink.bufferTimeout"), groupPrefix,
                autoStop(), values.d("autoStop.ttl"), DetectorSettings.from(values));
    }

    public static JobsConfig load(Optional<Path> file, Map<String, String> env, Map<String, String> overrides) {
        return new JobsConfig(ConfigValues.load(SETTINGS, ENV_PREFIX, file, env, overrides));
    }

    /** The defaults with {@code overrides}, as the one-process platform and tests set them. */
    public static JobsConfig of(Map<String, String> overrides) {
        return load(Optional.empty(), Map.of(), overrides);
    }

    /** The table {@code ./anju jobs --settings} prints and docs/configuration.md shows. */
    public static String markdownTable() {
        return ConfigValues.markdownTable(SETTINGS, ENV_PREFIX);
    }

    /** How the jobs run: sources, sinks, runtime and every detector's thresholds. */
    public JobsSettings settings() {
        return settings;
    }

    /** The embedded broker's port (used when {@code kafka.bootstrap} is empty). */
    public int kafkaPort() {
        return values.i("kafka.port");
    }

    public int httpPort() {
        return values.i("http.port");
    }

    /** Flink's Prometheus reporter on loopback; 0 leaves it off. */
    public int metricsPort() {
        return values.i("metrics.port");
    }

    /** Who may read /metrics. */
    public MetricsAccess metricsAccess() {
        return metricsAccess;
    }

    /** Null (the embedded broker) without a bootstrap; a client config needs one. */
    private KafkaConnection kafka() {
        String bootstrap = values.str("kafka.bootstrap");
        String clientConfig = values.str("kafka.clientConfig");
        if (bootstrap.isBlank()) {
            Require.that(clientConfig.isBlank(), "kafka.clientConfig", clientConfig,
                    "needs kafka.bootstrap: the embedded broker makes its own credentials");
            return null;
        }
        return KafkaConnection.of(bootstrap, clientConfig, "kafka.clientConfig");
    }

    /** InfluxDB for the history job; the record checks the URL's shape and the rules between values. */
    private InfluxSettings influx() {
        String url = values.str("influx.url");
        String file = values.str("influx.credentialsFile");
        Require.that(file.isBlank() || !url.isEmpty(), "influx.credentialsFile", file,
                "needs influx.url: without it there is no InfluxDB to log in to");
        InfluxCredentials credentials = InfluxCredentials.fromSetting("influx.credentialsFile", file).orElse(null);
        return new InfluxSettings(url.isEmpty() ? null : url, values.str("influx.db"),
                values.str("influx.retentionPolicy"), values.i("influx.batchSize"), values.d("influx.flushInterval"),
                values.i("influx.maxRetries"), values.d("influx.initialBackoff"), values.d("influx.maxBackoff"),
                credentials == null ? null : credentials.username(), credentials == null ? null : credentials.password());
    }

    private AutoStopPolicy autoStop() {
        Map<String, Set<AlertType>> perCompound = new LinkedHashMap<>();
        for (String entry : values.str("autoStop.compounds").split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            Require.that(eq > 0, "autoStop.compounds", entry, "must be compound=types, e.g. cp-0042=fire_risk");
            String compound = entry.substring(0, eq).trim();
            perCompound.put(compound, types("autoStop.compounds " + compound, entry.substring(eq + 1)));
        }
        return new AutoStopPolicy(types("autoStop.types", values.str("autoStop.types")), perCompound);
    }

    private static Set<AlertType> types(String setting, String list) {
        if (list.trim().equals("none")) {
            return Set.of();
        }
        try {
            return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(AlertType::fromWire).collect(Collectors.toSet());
        } catch (IllegalArgumentException e) {
            throw Require.failure(setting, list, e.getMessage());
        }
    }
}
