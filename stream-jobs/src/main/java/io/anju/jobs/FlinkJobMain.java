package io.anju.jobs;

import io.anju.common.cli.SettingsOptions;
import io.anju.jobs.config.JobsConfig;
import io.anju.jobs.config.JobsSettings;
import io.anju.jobs.topology.AlertsJob;
import io.anju.jobs.topology.HistoryJob;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import static io.anju.common.cli.SettingsOptions.putIf;

/**
 * Entry point of the job jar on a Flink cluster: {@code flink run anju-stream-jobs-…-job.jar --job alerts
 * --bootstrap kafka:9092 --registry /shared/registry.json}. One job per submission, so each can be scaled,
 * restarted and savepointed on its own (see docs/deployment.md). It takes the settings table of {@code ./anju jobs}
 * ({@link JobsConfig}: {@code --config}, {@code ANJU_JOBS_*}, {@code --set} and the flags below); the cluster decides
 * state backend and parallelism, and checkpoint storage unless {@code --checkpoint-dir} is given.
 */
@Command(name = "anju-stream-jobs", mixinStandardHelpOptions = true,
        description = {"Submit one Anju stream job to a Flink cluster.",
                "Settings as ./anju jobs: --settings lists them, every detector threshold among them."})
public final class FlinkJobMain implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    @Mixin
    private SettingsOptions options = new SettingsOptions();
    @Mixin
    private JobsEndpointOptions endpoints = new JobsEndpointOptions();
    @Option(names = "--job", description = "alerts or history.")
    private String job;
    @Option(names = "--checkpoint-dir", description = "Checkpoint directory URI, e.g. s3://bucket/anju (default: the cluster's).")
    private String checkpointDir;
    @Option(names = "--checkpoint-interval-ms", description = "Checkpoint interval in ms (checkpoint.interval, default 10000).")
    private Long checkpointIntervalMs;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FlinkJobMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (options.printSettings()) {
            spec.commandLine().getOut().print(JobsConfig.markdownTable());
            spec.commandLine().getOut().flush();
            return 0;
        }
        JobsSettings s = settings();
        // The cluster decides state backend, parallelism and (unless given here) checkpoint storage.
        Map<String, String> conf = new HashMap<>(s.jobConfiguration());
        if (checkpointDir != null) {
            conf.put("execution.checkpointing.dir", checkpointDir);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(Configuration.fromMap(conf));
        if (job.equals("alerts")) {
            AlertsJob.build(env, s, s.kafka());
            env.execute(AlertsJob.NAME);
        } else {
            HistoryJob.build(env, s, s.kafka());
            env.execute(HistoryJob.NAME);
        }
        return 0;
    }

    /** The settings of this submission; a bad or missing one stops it (exit 2) naming the setting. */
    JobsSettings settings() {
        if (job == null || !(job.equals("alerts") || job.equals("history"))) {
            throw new ParameterException(spec.commandLine(), "--job must be alerts or history (was " + job + ")");
        }
        Map<String, String> overrides = options.overrides();
        SettingsOptions.putFlags(spec, overrides);
        putIf(overrides, "checkpoint.interval", checkpointIntervalMs == null ? null : checkpointIntervalMs + "ms");
        JobsSettings s;
        try {
            s = JobsConfig.load(options.configFile(), System.getenv(), overrides).settings();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "bad configuration: " + e.getMessage());
        }
        if (s.kafka() == null) {
            throw new ParameterException(spec.commandLine(),
                    "kafka.bootstrap (--bootstrap) is required: a Flink cluster has no embedded broker");
        }
        if (job.equals("history") && s.influxUrl() == null) {
            throw new ParameterException(spec.commandLine(), "--job history needs influx.url (--influx-url)");
        }
        return s;
    }
}
