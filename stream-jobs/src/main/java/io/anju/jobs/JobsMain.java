package io.anju.jobs;

import io.anju.common.cli.ServiceCommand;
import io.anju.common.cli.SettingKey;
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
    @SettingKey("kafka.port")
    private Integer kafkaPort;
    @Option(names = "--data-dir", description = "Checkpoints, savepoints and the embedded broker (data.dir, default ./data).")
    @SettingKey("data.dir")
    private String dataDir;
    @Option(names = "--parallelism", description = "Operator parallelism (parallelism, default 2).")
    @SettingKey("parallelism")
    private Integer parallelism;
    @Option(names = "--checkpoint-interval", converter = BareSeconds.class,
            description = "Checkpoint interval, e.g. 10s (checkpoint.interval, default "
            + "10s): after a failure the jobs replay at most this much input; alerts never wait for it.")
    @SettingKey("checkpoint.interval")
    private String checkpointInterval;
    @Option(names = "--out-of-orderness", converter = BareSeconds.class,
            description = "How late a device's reading may arrive and still count in order (time.outOfOrderness, default 10s).")
    @SettingKey("time.outOfOrderness")
    private String outOfOrderness;
    @Option(names = "--clock-tolerance", converter = BareSeconds.class,
            description = "How far a device's clock may be from the gateway's receive "
            + "time and still be its readings' event time; further off they count at their receive time "
            + "(time.clockTolerance, default 30s).")
    @SettingKey("time.clockTolerance")
    private String clockTolerance;
    @Option(names = "--quiet-after", converter = BareSeconds.class,
            description = "Wall-clock silence after which a Kafka partition stops holding back "
            + "event time (time.quietAfter, default 60s; scale it down with a simulator's --speed).")
    @SettingKey("time.quietAfter")
    private String quietAfter;
    @Option(names = "--state-backend", description = "hashmap (default) or rocksdb (state.backend).")
    @SettingKey("state.backend")
    private String stateBackend;
    @Option(names = "--http-port", description = "Port of /health and /metrics (http.port, default 9081).")
    @SettingKey("http.port")
    private Integer httpPort;
    @Option(names = "--metrics-port", description = "Loopback port of Flink's Prometheus reporter (metrics.port, default 9249; 0 = off).")
    @SettingKey("metrics.port")
    private Integer metricsPort;
    @Option(names = "--metrics-token", description = "Bearer token that lets callers read /metrics (metrics.token, "
            + "16+ characters; env ANJU_JOBS_METRICS_TOKEN); empty (default) = only callers on this host (loopback) may.")
    @SettingKey("metrics.token")
    private String metricsToken;
    @Option(names = "--auto-stop", split = ",", description = "Red alert types that stop a port automatically "
            + "(autoStop.types: fire_risk, port_overload; default fire_risk; 'none' for none).")
    @SettingKey("autoStop.types")
    private List<String> autoStop;
    @Option(names = "--auto-stop-compound", description = "Per compound (autoStop.compounds): cp-0042=fire_risk,port_overload "
            + "or cp-0042=none; repeatable.")
    @SettingKey("autoStop.compounds")
    private Map<String, String> autoStopCompound;
    @Option(names = "--stop-confirm-within", converter = BareSeconds.class,
            description = "Event time an automatic stop_port has to show the port off "
            + "in its readings before it is sent again (autoStop.confirmWithin, default 60s; scale it up with a "
            + "simulator's --speed).")
    @SettingKey("autoStop.confirmWithin")
    private String stopConfirmWithin;
    @Option(names = "--stop-confirm-below-w", description = "A stopped port at or below this power counts as off (autoStop.confirmBelowW, default 10).")
    @SettingKey("autoStop.confirmBelowW")
    private Double stopConfirmBelowW;
    @Option(names = "--stop-attempts", description = "Automatic stops sent in all before the port raises stop_unconfirmed (autoStop.attempts, default 3).")
    @SettingKey("autoStop.attempts")
    private Integer stopAttempts;
    @Option(names = "--stop-cap", description = "Automatic stops a compound may send within a minute of event time; "
            + "more are held for a person (autoStop.cap: mass_cutoff_held; default 3).")
    @SettingKey("autoStop.cap")
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

    /** The duration flags have always taken a bare number as seconds ({@code --quiet-after 6}); settings want a unit. */
    static final class BareSeconds implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return value.trim().matches("\\d+") ? value.trim() + "s" : value;
        }
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
