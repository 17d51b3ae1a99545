package io.anju.jobs;

import io.anju.common.influx.InfluxCredentials;
import io.anju.common.topic.KafkaConnection;
import io.anju.jobs.config.JobsSettings;
import io.anju.jobs.topology.AlertsJob;
import io.anju.jobs.topology.HistoryJob;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Entry point of the job jar on a Flink cluster: {@code flink run anju-stream-jobs-…-job.jar --job alerts
 * --bootstrap kafka:9092 --registry /shared/registry.json}. One job per submission, so each can be scaled,
 * restarted and savepointed on its own (see docs/deployment.md). Checkpoint storage comes from the cluster's
 * configuration unless {@code --checkpoint-dir} is given.
 */
@Command(name = "anju-stream-jobs", mixinStandardHelpOptions = true,
        description = "Submit one Anju stream job to a Flink cluster.")
public final class FlinkJobMain implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    @Option(names = "--job", required = true, description = "alerts or history.")
    private String job;
    @Option(names = "--bootstrap", required = true, description = "Kafka bootstrap servers.")
    private String bootstrap;
    @Option(names = "--kafka-client-config", description = "Kafka client properties file with the cluster's security "
            + "settings (security.protocol, sasl.*, ssl.*), read where the job is submitted: the settings travel with "
            + "the job (key and trust stores named in it must exist on every TaskManager; default: none, PLAINTEXT).")
    private String kafkaClientConfig = "";
    @Option(names = "--registry", required = true, description = "Registry file, readable on every TaskManager (shared volume).")
    private Path registry;
    @Option(names = "--influx-url", description = "InfluxDB URL (required for --job history).")
    private String influxUrl;
    @Option(names = "--influx-db", description = "InfluxDB database (default anju).")
    private String influxDb = "anju";
    @Option(names = "--influx-credentials", paramLabel = "FILE", description = "InfluxDB credentials file "
            + "(username=, password=; mode 600), read where the job is submitted: the credentials travel with the job "
            + "(default: none, an InfluxDB without authentication).")
    private String influxCredentials = "";
    @Option(names = "--checkpoint-dir", description = "Checkpoint directory URI, e.g. s3://bucket/anju (default: the cluster's).")
    private String checkpointDir;
    @Option(names = "--checkpoint-interval-ms", description = "Checkpoint interval in ms (default 10000).")
    private long checkpointIntervalMs = 10_000;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FlinkJobMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        JobsSettings d = JobsSettings.defaults(registry, Path.of("."));
        KafkaConnection kafka;
        InfluxCredentials influx;
        try {
            kafka = KafkaConnection.of(bootstrap, kafkaClientConfig, "--kafka-client-config");
            influx = InfluxCredentials.fromSetting("--influx-credentials", influxCredentials).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        JobsSettings s = new JobsSettings(kafka, registry, influxUrl, influxDb, influx, d.dataDir(), d.parallelism(),
                Duration.ofMillis(checkpointIntervalMs), d.stateBackend(), d.outOfOrderness(), d.clockTolerance(),
                d.quietAfter(),
                d.registryPoll(), d.bufferTimeout(), d.groupPrefix(), d.autoStop(), d.commandTtl(), d.detectors());
        if (!job.equals("alerts") && !job.equals("history")) {
            throw new ParameterException(spec.commandLine(), "--job must be alerts or history (was " + job + ")");
        }
        if (job.equals("history") && influxUrl == null) {
            throw new ParameterException(spec.commandLine(), "--job history needs --influx-url");
        }
        // The cluster decides state backend, parallelism and (unless given here) checkpoint storage.
        Map<String, String> conf = new HashMap<>(s.jobConfiguration());
        if (checkpointDir != null) {
            conf.put("execution.checkpointing.dir", checkpointDir);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(Configuration.fromMap(conf));
        if (job.equals("alerts")) {
            AlertsJob.build(env, s, kafka);
            env.execute(AlertsJob.NAME);
        } else {
            HistoryJob.build(env, s, kafka);
            env.execute(HistoryJob.NAME);
        }
        return 0;
    }
}
