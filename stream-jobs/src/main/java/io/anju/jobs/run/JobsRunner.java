package io.anju.jobs.run;

import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.Replication;
import io.anju.common.topic.TopicAdmin;
import io.anju.common.topic.TopicRetention;
import io.anju.common.topic.Topics;
import io.anju.jobs.config.JobsSettings;
import io.anju.jobs.topology.AlertsJob;
import io.anju.jobs.topology.HistoryJob;
import io.anju.jobs.topology.DeviceStreams;
import io.anju.kafka.EmbeddedKafka;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * Runs the jobs on this machine in one Flink MiniCluster: alerting always, history when an InfluxDB URL is set; as
 * separate Flink jobs (so the history job's
 * back-pressure or restarts never touch alerting), against the configured Kafka or an embedded broker. Each job
 * continues from its newest checkpoint or savepoint under the data directory; {@link #stop()} takes a savepoint,
 * so a second run continues exactly where the first stopped.
 */
public final class JobsRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobsRunner.class);

    private final JobsSettings settings;
    private final int embeddedKafkaPort;
    private final Map<String, BiConsumer<StreamExecutionEnvironment, KafkaConnection>> jobs = new LinkedHashMap<>();
    private final Map<String, String> metricsReporter = new HashMap<>();
    private final Map<String, JobID> running = new LinkedHashMap<>();
    private final Map<String, Path> restoredFrom = new LinkedHashMap<>();
    private MiniCluster cluster;
    private EmbeddedKafka kafka;
    private KafkaConnection kafkaConnection;

    /** @param embeddedKafkaPort port of the embedded broker when {@code settings.kafka()} is null (0: any) */
    public JobsRunner(JobsSettings settings, int embeddedKafkaPort) {
        this.settings = settings;
        this.embeddedKafkaPort = embeddedKafkaPort;
        jobs.put(AlertsJob.NAME, (env, kafka) -> AlertsJob.build(env, settings, kafka));
        if (settings.influxUrl() != null) {
            jobs.put(HistoryJob.NAME, (env, kafka) -> HistoryJob.build(env, settings, kafka));
        }
    }

    /** Exposes Flink's own metrics in Prometheus format on {@code port} (the jobs' /metrics reads them there). */
    public JobsRunner withPrometheusReporter(int port) {
        metricsReporter.put("metrics.reporter.prom.factory.class",
                "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        metricsReporter.put("metrics.reporter.prom.host", "127.0.0.1");
        metricsReporter.put("metrics.reporter.prom.port", String.valueOf(port));
        return this;
    }

    /** Starts every job; if one cannot be started, what was started is stopped again and the failure rethrown. */
    public synchronized JobsRunner start() throws Exception {
        try {
            startJobs();
            return this;
        } catch (Exception | Error e) {
            LOG.error("the jobs did not start ({}); stopping what was started", e.toString());
            kill();
            if (kafka != null) {
                kafka.stop();
                kafka = null;
            }
            throw e;
        }
    }

    private void startJobs() throws Exception {
        if (settings.kafka() != null) {
            kafkaConnection = settings.kafka();
        } else if (kafka == null) {
            kafka = new EmbeddedKafka(settings.dataDir(), embeddedKafkaPort, TopicRetention.DEFAULT.brokerDefaults())
                    .withSaslScram().start();
            kafkaConnection = new KafkaConnection(kafka.bootstrapServers(), kafka.clientProperties());
            LOG.info("embedded Kafka at {} (data under {}; client settings in {})", kafkaConnection,
                    settings.dataDir(), kafka.clientConfigFile());
        }
        TopicAdmin.ensure(kafkaConnection, "--bootstrap", topics(), 6, Replication.AUTO);
        if (cluster == null) {
            warnOfEarlierState();
            cluster = startCluster();
        }
        for (var job : jobs.entrySet()) {
            running.put(job.getKey(), submit(job.getKey(), job.getValue()));
        }
    }

    /** State an earlier release left cannot be restored into these operators; say so rather than ignore it silently. */
    private void warnOfEarlierState() throws IOException {
        Path flink = settings.stateDir().getParent();
        if (!Files.isDirectory(flink)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(flink)) {
            dirs.filter(d -> !d.equals(settings.stateDir()) && Files.isDirectory(d))
                    .forEach(d -> LOG.warn("state at {} is from an earlier release and is not continued from: the jobs "
                            + "start fresh under {}; delete it when no longer needed", d, settings.stateDir()));
        }
    }

    private MiniCluster startCluster() throws Exception {
        Map<String, String> conf = new HashMap<>(settings.flinkConfiguration());
        conf.put("taskmanager.memory.managed.size", "rocksdb".equals(settings.stateBackend()) ? "256m" : "16m");
        conf.put("taskmanager.memory.network.min", "64m");
        conf.put("taskmanager.memory.network.max", "64m");
        conf.putAll(metricsReporter);
        MiniCluster mini = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(Configuration.fromMap(conf))
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(settings.parallelism() * jobs.size())
                .withRandomPorts()
                .build());
        mini.start();
        return mini;
    }

    private JobID submit(String name, BiConsumer<StreamExecutionEnvironment, KafkaConnection> job) throws Exception {
        Map<String, String> conf = new HashMap<>(settings.flinkConfiguration());
        conf.put("execution.checkpointing.dir", checkpoints(name).toUri().toString());
        conf.put("execution.checkpointing.savepoint-dir", savepoints(name).toUri().toString());
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(Configuration.fromMap(conf));
        job.accept(env, kafkaConnection);
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(name);
        Optional<Path> restore = RestorePoints.latest(checkpoints(name), savepoints(name));
        restore.ifPresent(p -> graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(p.toString())));
        restore.ifPresent(p -> restoredFrom.put(name, p));
        JobID id = cluster.submitJob(graph).get(60, TimeUnit.SECONDS).getJobID();
        LOG.info("job {} submitted ({}), {}", name, id,
                restore.map(p -> "continuing from " + p).orElse("no earlier checkpoint: starting fresh"));
        return id;
    }

    public Path checkpoints(String job) {
        return settings.checkpointDir().resolve(job);
    }

    public Path savepoints(String job) {
        return settings.savepointDir().resolve(job);
    }

    /** The checkpoint or savepoint a job continued from, when it did. */
    public synchronized Optional<Path> restoredFrom(String job) {
        return Optional.ofNullable(restoredFrom.get(job));
    }

    public synchronized String bootstrap() {
        return kafkaConnection == null ? null : kafkaConnection.bootstrapServers();
    }

    /**
     * The cluster the jobs read and write, with its security settings: the configured one, or the embedded broker once
     * {@link #start()} started it (null before then).
     */
    public synchronized KafkaConnection kafka() {
        return kafkaConnection != null ? kafkaConnection : settings.kafka();
    }

    /** The InfluxDB the history job writes to; null when there is none. */
    public String influxUrl() {
        return settings.influxUrl();
    }

    /** The state of each job, e.g. RUNNING; a job whose status cannot be read is reported as such. */
    public synchronized Map<String, String> status() {
        Map<String, String> status = new LinkedHashMap<>();
        running.forEach((name, id) -> {
            try {
                status.put(name, cluster.getJobStatus(id).get(5, TimeUnit.SECONDS).name());
            } catch (Exception e) {
                status.put(name, "UNKNOWN (" + e.getClass().getSimpleName() + ")");
            }
        });
        return status;
    }

    public boolean allRunning() {
        return status().values().stream().allMatch(s -> s.equals(JobStatus.RUNNING.name()));
    }

    /** Stops every job with a savepoint (falls back to cancel, the retained checkpoint then covers it). */
    public synchronized void stop() {
        running.forEach((name, id) -> {
            try {
                String savepoint = cluster.stopWithSavepoint(id, savepoints(name).toUri().toString(), false,
                        SavepointFormatType.CANONICAL).get(60, TimeUnit.SECONDS);
                LOG.info("job {} stopped, savepoint {}", name, savepoint);
            } catch (Exception e) {
                LOG.warn("job {} did not stop with a savepoint ({}); cancelling, its last checkpoint stays", name,
                        e.getMessage());
                try {
                    cluster.cancelJob(id).get(30, TimeUnit.SECONDS);
                } catch (Exception cancelFailed) {
                    LOG.warn("job {} did not cancel cleanly: {}", name, cancelFailed.getMessage());
                }
            }
        });
        running.clear();
        closeCluster();
        if (kafka != null) {
            kafka.stop();
            kafka = null;
        }
    }

    /**
     * Ends the jobs and the MiniCluster without a savepoint, as a crash would: what continues is the last completed
     * checkpoint (tests of recovery). The embedded broker, if any, keeps running.
     */
    public synchronized void kill() {
        running.forEach((name, id) -> {
            try {
                cluster.cancelJob(id).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("job {} did not cancel: {}", name, e.getMessage());
            }
        });
        running.clear();
        closeCluster();
    }

    private void closeCluster() {
        if (cluster != null) {
            try {
                cluster.closeAsync().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("Flink MiniCluster did not close cleanly: {}", e.getMessage());
            }
            cluster = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The topics the jobs read and write: what must exist before they start. */
    public static List<String> topics() {
        // What the jobs read (the alerting job's commands and command results too) and what they write.
        List<String> topics = new ArrayList<>(DeviceStreams.inputTopicsWithCommands());
        topics.add(Topics.ALERTS);
        topics.add(Topics.ZONES);
        return topics;
    }
}
