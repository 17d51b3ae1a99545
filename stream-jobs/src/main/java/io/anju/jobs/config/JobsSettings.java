package io.anju.jobs.config;

import io.anju.common.config.ConfigValues;
import io.anju.common.topic.KafkaConnection;
import io.anju.jobs.command.AutoStopPolicy;
import io.anju.jobs.detect.DetectorSettings;
import io.anju.jobs.history.InfluxSettings;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How the stream jobs run: where the data comes from and goes to, and the runtime knobs. Detector thresholds have
 * their own settings records (defaults from docs/detectors.md). Built by {@link JobsConfig} from its settings table,
 * which holds every default and bound and names the setting of a bad value; code that builds one is trusted.
 *
 * @param kafka              Kafka bootstrap servers with the security settings of {@code kafka.clientConfig}; null:
 *                           start the embedded broker under {@code dataDir}
 * @param registry           the registry file (re-read every {@code registryPoll}; changes reach running jobs)
 * @param influx             where and how the history job writes to InfluxDB ({@code influx.*}; no url: no history is
 *                           written), with the user and password of {@code influx.credentialsFile}
 * @param dataDir            checkpoints (and the embedded broker) live here
 * @param parallelism        operator parallelism (default 2: this machine's cores)
 * @param checkpointInterval how often the jobs' state and Kafka positions are saved; after a failure they replay at
 *                           most this much input (default 10 s). Alerts are written as they are emitted and never
 *                           wait for a checkpoint.
 * @param stateBackend       {@code hashmap} (default, state on the heap) or {@code rocksdb} (state on disk)
 * @param outOfOrderness     how late a device's reading may be and still count in order (default 10 s)
 * @param clockTolerance     how far a device's own time may be from the gateway's receive time and still be its event
 *                           time; further off, the reading counts at its receive time and moves no one's event
 *                           time (default 30 s; keep it well under the offline timeout less one heartbeat)
 * @param quietAfter         after this much wall-clock silence a partition follows its reader's newest device time, and
 *                           a wholly silent reader the wall clock (default 60 s; longer than a fetch stall in a backlog)
 * @param registryPoll       how often the registry file is checked for changes (default 10 s)
 * @param bufferTimeout      Flink network buffer timeout; low for alert latency (default 5 ms; Flink's is 100 ms)
 * @param groupPrefix        Kafka consumer group prefix (default {@code anju-jobs})
 * @param autoStop           which red alerts stop a port automatically (default: red fire risk, every compound)
 * @param commandTtl         TTL of the automatic commands (default 5 min)
 * @param detectors          every detector's thresholds (defaults: docs/detectors.md)
 */
public record JobsSettings(KafkaConnection kafka, Path registry, InfluxSettings influx, Path dataDir,
                           int parallelism, Duration checkpointInterval, String stateBackend,
                           Duration outOfOrderness, Duration clockTolerance, Duration quietAfter,
                           Duration registryPoll,
                           Duration bufferTimeout, String groupPrefix, AutoStopPolicy autoStop,
                           Duration commandTtl, DetectorSettings detectors) implements Serializable {
    /** The jobs' default clock tolerance (time.clockTolerance), for code that decodes envelopes without settings. */
    public static final Duration DEFAULT_CLOCK_TOLERANCE = ConfigValues.defaults(JobsConfig.SETTINGS)
            .d("time.clockTolerance");

    /** Every setting at its default (the table of {@link JobsConfig}) but the registry file and the data directory. */
    public static JobsSettings defaults(Path registry, Path dataDir) {
        return defaults(registry, dataDir, Map.of());
    }

    /**
     * The registry file, the data directory and {@code settings} (keys of the table of {@link JobsConfig}, e.g.
     * {@code checkpoint.interval=1s}), the rest at their defaults: checked by the table's bounds and rules, as a
     * configuration file would be.
     */
    public static JobsSettings defaults(Path registry, Path dataDir, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("registry.file", registry.toString());
        all.put("data.dir", dataDir.toString());
        return JobsConfig.of(all).settings();
    }

    /** A PLAINTEXT cluster at {@code value}, such as another part's embedded broker. */
    public JobsSettings withBootstrap(String value) {
        return withKafka(KafkaConnection.plain(value));
    }

    public JobsSettings withKafka(KafkaConnection value) {
        return new JobsSettings(value, registry, influx, dataDir, parallelism,
                checkpointInterval, stateBackend, outOfOrderness, clockTolerance, quietAfter, registryPoll, bufferTimeout, groupPrefix, autoStop,
                commandTtl, detectors);
    }

    /** InfluxDB's URL for the history job; null when no history is written. */
    public String influxUrl() {
        return influx.url();
    }
    /**
     * Names the shape of the jobs' state. Raise it when a release changes operators or state so that an older
     * checkpoint cannot be restored: runs then start fresh under a new directory instead of failing on the old one.
     */
    public static final String STATE_LAYOUT = "state-4";

    public Path checkpointDir() {
        return checkpointDir(dataDir);
    }

    /** The checkpoints under a data directory, each job's in a directory named after it. */
    public static Path checkpointDir(Path dataDir) {
        return stateDir(dataDir).resolve("checkpoints");
    }

    public Path savepointDir() {
        return stateDir().resolve("savepoints");
    }

    /** Where the jobs' state lives under the data directory, one directory per {@link #STATE_LAYOUT}. */
    public Path stateDir() {
        return stateDir(dataDir);
    }

    private static Path stateDir(Path dataDir) {
        return dataDir.resolve("flink").resolve(STATE_LAYOUT);
    }

    /**
     * What every run of the jobs needs, on this machine or a cluster: exactly-once checkpoints kept on cancel,
     * restarts with back-off, the low buffer timeout, the watermark interval, no Kryo and no copies between chained
     * operators.
     */
    public Map<String, String> jobConfiguration() {
        return Map.of(
                "execution.checkpointing.interval", checkpointInterval.toMillis() + " ms",
                "execution.checkpointing.mode", "EXACTLY_ONCE",
                "execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION",
                "restart-strategy.type", "exponential-delay",
                "restart-strategy.exponential-delay.initial-backoff", "1 s",
                "restart-strategy.exponential-delay.max-backoff", "60 s",
                "execution.buffer-timeout.interval", bufferTimeout.toMillis() + " ms",
                "pipeline.auto-watermark-interval", "200 ms",
                // Every record type has Flink type information: Kryo would be the slow path nobody chose.
                "pipeline.generic-types", "false",
                // The records are immutable, so chained operators may pass them on without copying.
                "pipeline.object-reuse", "true");
    }

    /** {@link #jobConfiguration()} plus what a cluster would decide: storage, state backend, parallelism. */
    public Map<String, String> flinkConfiguration() {
        Map<String, String> conf = new HashMap<>(jobConfiguration());
        conf.put("execution.checkpointing.num-retained", "2");
        conf.put("execution.checkpointing.dir", checkpointDir().toUri().toString());
        conf.put("state.backend.type", stateBackend);
        conf.put("parallelism.default", String.valueOf(parallelism));
        return conf;
    }
}
