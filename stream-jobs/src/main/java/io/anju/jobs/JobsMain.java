package io.anju.jobs;

import io.anju.common.cli.ServiceCommand;
import io.anju.jobs.config.JobsConfig;
import io.anju.jobs.run.RunningJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@code ./anju jobs}: the stream jobs in an embedded Flink MiniCluster on this machine. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = {"Run the Anju stream jobs (alerting, and history when InfluxDB is given) in an embedded Flink "
                + "MiniCluster. Ctrl-C stops them with a savepoint; the next run continues from it.",
                "Settings come from defaults, then --config FILE, then ANJU_JOBS_* environment variables, then flags.",
                "Every setting, every detector threshold among them: --settings, or docs/configuration.md."})
public final class JobsMain extends ServiceCommand<JobsConfig, RunningJobs> {
    private static final Logger LOG = LoggerFactory.getLogger(JobsMain.class);

    @Mixin
    private JobsEndpointOptions endpoints = new JobsEndpointOptions();
    @Option(names = "--kafka-port", description = "Port of the embedded broker when --bootstrap is not given (kafka.port, default 9092).")
    private Integer kafkaPort;
    @Option(names = "--data-dir", description = "Checkpoints, savepoints and the embedded broker (data.dir, default ./data).")
    private String dataDir;
    @Option(names = "--parallelism", description = "Operator parallelism (parallelism, default 2).")
    private Integer parallelism;
    @Option(names = "--checkpoint-interval", description = "Checkpoint interval, e.g. 10s (checkpoint.interval, default "
            + "10s): after a failure the jobs replay at most this much input; alerts never wait for it.")
    private String checkpointInterval;
    @Option(names = "--out-of-orderness", description = "How late a device's reading may arrive and still count in order (time.outOfOrderness, default 10s).")
    private String outOfOrderness;
    @Option(names = "--clock-tolerance", description = "How far a device's clock may be from the gateway's receive "
            + "time and still be its readings' event time; further off they count at their receive time "
            + "(time.clockTolerance, default 30s).")
    private String clockTolerance;
    @Option(names = "--quiet-after", description = "Wall-clock silence after which a Kafka partition stops holding back "
            + "event time (time.quietAfter, default 60s; scale it down with a simulator's --speed).")
    private String quietAfter;
    @Option(names = "--state-backend", description = "hashmap (default) or rocksdb (state.backend).")
    private String stateBackend;
    @Option(names = "--http-port", description = "Port of /health and /metrics (http.port, default 9081).")
    private Integer httpPort;
    @Option(names = "--metrics-port", description = "Loopback port of Flink's Prometheus reporter (metrics.port, default 9249; 0 = off).")
    private Integer metricsPort;
    @Option(names = "--metrics-token", description = "Bearer token that lets callers read /metrics (metrics.token, "
            + "16+ characters; env ANJU_JOBS_METRICS_TOKEN); empty (default) = only callers on this host (loopback) may.")
    private String metricsToken;
    @Option(names = "--auto-stop", split = ",", description = "Red alert types that stop a port automatically "
            + "(autoStop.types: fire_risk, port_overload; default fire_risk; 'none' for none).")
    private List<String> autoStop;
    @Option(names = "--auto-stop-compound", description = "Per compound (autoStop.compounds): cp-0042=fire_risk,port_overload "
            + "or cp-0042=none; repeatable.")
    private Map<String, String> autoStopCompound;
    @Option(names = "--stop-confirm-within", description = "Event time an automatic stop_port has to show the port off "
            + "in its readings before it is sent again (autoStop.confirmWithin, default 60s; scale it up with a "
            + "simulator's --speed).")
    private String stopConfirmWithin;
    @Option(names = "--stop-confirm-below-w", description = "A stopped port at or below this power counts as off (autoStop.confirmBelowW, default 10).")
    private Double stopConfirmBelowW;
    @Option(names = "--stop-attempts", description = "Automatic stops sent in all before the port raises stop_unconfirmed (autoStop.attempts, default 3).")
    private Integer stopAttempts;
    @Option(names = "--stop-cap", description = "Automatic stops a compound may send within a minute of event time; "
            + "more are held for a person (autoStop.cap: mass_cutoff_held; default 3).")
    private Integer stopCap;

    public static void main(String[] args) {
        System.exit(new CommandLine(new JobsMain()).execute(args));
    }

    @Override
    protected String settingsTable() {
        return JobsConfig.markdownTable();
    }

    @Override
    protected JobsConfig load(Optional<Path> file, Map<String, String> env, Map<String, String> overrides) {
        return JobsConfig.load(file, env, overrides);
    }

    @Override
    protected void flags(Map<String, String> overrides) {
        endpoints.putInto(overrides);
        putIf(overrides, "kafka.port", kafkaPort);
        putIf(overrides, "data.dir", dataDir);
        putIf(overrides, "parallelism", parallelism);
        putIf(overrides, "checkpoint.interval", seconds(checkpointInterval));
        putIf(overrides, "time.outOfOrderness", seconds(outOfOrderness));
        putIf(overrides, "time.clockTolerance", seconds(clockTolerance));
        putIf(overrides, "time.quietAfter", seconds(quietAfter));
        putIf(overrides, "state.backend", stateBackend);
        putIf(overrides, "http.port", httpPort);
        putIf(overrides, "metrics.port", metricsPort);
        putIf(overrides, "metrics.token", metricsToken);
        putIf(overrides, "autoStop.types", autoStop == null ? null : String.join(",", autoStop));
        putIf(overrides, "autoStop.compounds", autoStopCompound == null ? null : autoStopCompound.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";")));
        putIf(overrides, "autoStop.confirmWithin", seconds(stopConfirmWithin));
        putIf(overrides, "autoStop.confirmBelowW", stopConfirmBelowW);
        putIf(overrides, "autoStop.attempts", stopAttempts);
        putIf(overrides, "autoStop.cap", stopCap);
    }

    /** The duration flags have always taken a bare number as seconds ({@code --quiet-after 6}); settings want a unit. */
    private static String seconds(String value) {
        return value != null && value.trim().matches("\\d+") ? value.trim() + "s" : value;
    }

    @Override
    protected RunningJobs open(JobsConfig config) throws Exception {
        if (config.settings().influxUrl() == null) {
            LOG.warn("no influx.url: alerts are raised, but NO history is written (no time series of chargers, "
                    + "zones or gates, no alert events in InfluxDB)");
        }
        return RunningJobs.start(config.settings(), config.kafkaPort(), "0.0.0.0", config.httpPort(),
                config.metricsPort(), config.metricsAccess());
    }

    @Override
    protected String banner(JobsConfig config, RunningJobs jobs) {
        return String.format("anju jobs up: %s on Kafka %s; /health and /metrics on http://127.0.0.1:%d",
                jobs.runner().status(), jobs.runner().bootstrap(), jobs.httpPort());
    }
}
