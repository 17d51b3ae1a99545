package io.anju.jobs;

import io.anju.common.alert.AlertType;
import io.anju.common.cli.Durations;
import io.anju.common.config.Require;
import io.anju.common.http.MetricsAccess;
import io.anju.common.influx.InfluxCredentials;
import io.anju.common.topic.KafkaConnection;
import io.anju.jobs.command.AutoStopPolicy;
import io.anju.jobs.command.StopConfirmSettings;
import io.anju.jobs.command.cap.StopCapSettings;
import io.anju.jobs.config.JobsSettings;
import io.anju.jobs.run.JobsHttp;
import io.anju.jobs.run.JobsRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/** {@code ./anju jobs}: the stream jobs in an embedded Flink MiniCluster on this machine. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "Run the Anju stream jobs (alerting, and history when InfluxDB is given) in an embedded Flink "
                + "MiniCluster. Ctrl-C stops them with a savepoint; the next run continues from it.")
public final class JobsMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(JobsMain.class);

    @Spec
    private CommandSpec spec;
    @Option(names = "--registry", description = "Registry file (default ./data/registry.json); edits reach running jobs.")
    private Path registry = Path.of("data", "registry.json");
    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (default: an embedded broker under --data-dir).")
    private String bootstrap;
    @Option(names = "--kafka-client-config", description = "Kafka client properties file with the cluster's security "
            + "settings (security.protocol, sasl.*, ssl.*; as Kafka tools' --command-config; default: none, PLAINTEXT).")
    private String kafkaClientConfig = "";
    @Option(names = "--kafka-port", description = "Port of the embedded broker when --bootstrap is not given (default 9092).")
    private int kafkaPort = 9092;
    @Option(names = "--influx-url", description = "InfluxDB URL, e.g. http://127.0.0.1:8086 (default: none, no history is written).")
    private String influxUrl;
    @Option(names = "--influx-db", description = "InfluxDB database (default anju).")
    private String influxDb = "anju";
    @Option(names = "--influx-credentials", paramLabel = "FILE", description = "InfluxDB credentials file "
            + "(username=, password=; mode 600), as scripts/influxdb.sh writes to <its data dir>/credentials.properties "
            + "(default: none, an InfluxDB without authentication).")
    private String influxCredentials = "";
    @Option(names = "--data-dir", description = "Checkpoints, savepoints and the embedded broker (default ./data).")
    private Path dataDir = Path.of("data");
    @Option(names = "--parallelism", description = "Operator parallelism (default 2).")
    private int parallelism = 2;
    @Option(names = "--checkpoint-interval", description = "Checkpoint interval, e.g. 10s (default 10s): after a "
            + "failure the jobs replay at most this much input; alerts never wait for it.")
    private String checkpointInterval = "10s";
    @Option(names = "--out-of-orderness", description = "How late a device's reading may arrive and still count in order (default 10s).")
    private String outOfOrderness = "10s";
    @Option(names = "--clock-tolerance", description = "How far a device's clock may be from the gateway's receive "
            + "time and still be its readings' event time; further off they count at their receive time (default 30s).")
    private String clockTolerance = "30s";
    @Option(names = "--quiet-after", description = "Wall-clock silence after which a Kafka partition stops holding back event time (default 60s; "
            + "scale it down with a simulator's --speed).")
    private String quietAfter = "60s";
    @Option(names = "--state-backend", description = "hashmap (default) or rocksdb.")
    private String stateBackend = "hashmap";
    @Option(names = "--http-port", description = "Port of /health and /metrics (default 9081).")
    private int httpPort = 9081;
    @Option(names = "--metrics-port", description = "Loopback port of Flink's Prometheus reporter (default 9249).")
    private int metricsPort = 9249;
    @Option(names = "--metrics-token", defaultValue = "${env:ANJU_JOBS_METRICS_TOKEN:-}", description = "Bearer token "
            + "that lets callers read /metrics (16+ characters; env ANJU_JOBS_METRICS_TOKEN); empty (default) = only "
            + "callers on this host (loopback) may.")
    private String metricsToken = "";
    @Option(names = "--auto-stop", split = ",", description = "Red alert types that stop a port automatically "
            + "(fire_risk, port_overload; default fire_risk; 'none' for none).")
    private List<String> autoStop = new ArrayList<>(List.of("fire_risk"));
    @Option(names = "--auto-stop-compound", description = "Per compound: cp-0042=fire_risk,port_overload or cp-0042=none; repeatable.")
    private Map<String, String> autoStopCompound = new LinkedHashMap<>();
    @Option(names = "--stop-confirm-within", description = "Event time an automatic stop_port has to show the port off "
            + "in its readings before it is sent again (default 60s; scale it up with a simulator's --speed).")
    private String stopConfirmWithin = "60s";
    @Option(names = "--stop-confirm-below-w", description = "A stopped port at or below this power counts as off (default 10).")
    private double stopConfirmBelowW = 10;
    @Option(names = "--stop-attempts", description = "Automatic stops sent in all before the port raises stop_unconfirmed (default 3).")
    private int stopAttempts = 3;
    @Option(names = "--stop-cap", description = "Automatic stops a compound may send within a minute of event time; "
            + "more are held for a person (mass_cutoff_held; default 3).")
    private int stopCap = StopCapSettings.defaults().perMinute();

    public static void main(String[] args) {
        System.exit(new CommandLine(new JobsMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        JobsSettings settings;
        MetricsAccess metricsAccess;
        try {
            settings = settings();
            metricsAccess = MetricsAccess.of(metricsToken);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "bad configuration: " + e.getMessage());
        }
        JobsRunner runner = new JobsRunner(settings, kafkaPort).withPrometheusReporter(metricsPort);
        if (settings.influxUrl() == null) {
            LOG.warn("no --influx-url: alerts are raised, but NO history is written (no time series of chargers, "
                    + "zones or gates, no alert events in InfluxDB)");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping the jobs (savepoint) ...");
            runner.stop();
            stopped.countDown();
        }, "jobs-shutdown"));
        runner.start();
        try (JobsHttp http = new JobsHttp(runner, "0.0.0.0", httpPort, metricsPort, metricsAccess)) {
            LOG.info("anju jobs: {} on Kafka {}; /health and /metrics on http://127.0.0.1:{}", runner.status(),
                    runner.bootstrap(), http.port());
            stopped.await();
        }
        return 0;
    }

    private JobsSettings settings() {
        JobsSettings d = JobsSettings.defaults(registry, dataDir);
        return new JobsSettings(kafka(), registry, influxUrl, influxDb, credentials(), dataDir, parallelism,
                Duration.ofMillis(Durations.parseMillis("--checkpoint-interval", checkpointInterval)), stateBackend,
                Duration.ofMillis(Durations.parseMillis("--out-of-orderness", outOfOrderness)),
                Duration.ofMillis(Durations.parseMillis("--clock-tolerance", clockTolerance)),
                Duration.ofMillis(Durations.parseMillis("--quiet-after", quietAfter)), d.registryPoll(), d.bufferTimeout(), d.groupPrefix(),
                new AutoStopPolicy(types("--auto-stop", autoStop), perCompound()), d.commandTtl(),
                d.detectors().withStopConfirm(new StopConfirmSettings(
                        Duration.ofMillis(Durations.parseMillis("--stop-confirm-within", stopConfirmWithin)),
                        stopConfirmBelowW, stopAttempts)).withStopCap(new StopCapSettings(stopCap)));
    }

    private InfluxCredentials credentials() {
        Require.that(influxCredentials.isBlank() || influxUrl != null, "--influx-credentials", influxCredentials,
                "needs --influx-url: without it there is no InfluxDB to log in to");
        return InfluxCredentials.fromSetting("--influx-credentials", influxCredentials).orElse(null);
    }

    /** Null (the embedded broker) without --bootstrap; a client config needs --bootstrap. */
    private KafkaConnection kafka() {
        if (bootstrap == null) {
            Require.that(kafkaClientConfig.isBlank(), "--kafka-client-config", kafkaClientConfig,
                    "needs --bootstrap: the embedded broker makes its own credentials");
            return null;
        }
        return KafkaConnection.of(bootstrap, kafkaClientConfig, "--kafka-client-config");
    }

    private Map<String, Set<AlertType>> perCompound() {
        Map<String, Set<AlertType>> map = new HashMap<>();
        autoStopCompound.forEach((compound, types) ->
                map.put(compound, types("--auto-stop-compound " + compound, List.of(types.split(",")))));
        return map;
    }

    private static Set<AlertType> types(String option, List<String> names) {
        if (names.size() == 1 && names.get(0).equals("none")) {
            return Set.of();
        }
        try {
            return names.stream().map(String::trim).map(AlertType::fromWire).collect(Collectors.toSet());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }
}
