package io.anju.bench.e2e;

import io.anju.common.cli.Durations;
import io.anju.common.influx.InfluxCredentials;
import io.anju.common.topic.KafkaConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The measuring side of {@code ./anju bench e2e} (scripts/bench-e2e.sh starts InfluxDB and the platform JVM, then
 * this): the probes (a crowd counter timed to the dashboard, district chargers timed to the case system), a dashboard
 * viewer, the load JVM, the jobs' lag gauges, {@code /proc} sampling and the loss counts; prints a progress line every
 * 10 s and appends one markdown section to {@code --out}.
 */
@Command(name = "bench-e2e", mixinStandardHelpOptions = true,
        description = "End-to-end benchmark against a running platform (use ./anju bench e2e, which starts one).")
public final class E2eBench implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(E2eBench.class);

    @Spec
    private CommandSpec spec;
    @Option(names = "--rate", description = "Messages/s aimed at, QoS 1 (default 25000).")
    private int rate = E2eSettings.DEFAULT_RATE;
    @Option(names = "--duration", description = "Load duration, e.g. 10m, 60s (default 10m).")
    private String duration;
    @Option(names = "--quick", description = "60 s of load instead of 10 min (unless --duration is given).")
    private boolean quick;
    @Option(names = "--connections", description = "Load connections (default 5000).")
    private int connections = E2eSettings.DEFAULT_CONNECTIONS;
    @Option(names = "--window", description = "QoS 1 in-flight PUBLISHes per connection (default 10).")
    private int window = E2eSettings.defaults().window();
    @Option(names = "--connect-rate", description = "New load connections per second (default 400).")
    private int connectRate = E2eSettings.defaults().connectRate();
    @Option(names = "--drain-timeout", description = "Wait for the history job after the load (default 5m).")
    private String drainTimeout = "5m";
    @Option(names = "--viewer", description = "Dashboards user watching /api/live and reading cases (default district).")
    private String viewer = E2eSettings.defaults().viewer();
    @Option(names = "--case-probe-chargers", description = "District chargers the case probe plays (default 8).")
    private int caseProbeChargers = E2eSettings.defaults().caseProbeChargers();
    @Option(names = "--case-probe-every", description = "One port overload (then its clear) this often (default 1s).")
    private String caseProbeEvery = "1s";

    @Option(names = "--dashboards-url", required = true)
    private String dashboardsUrl;
    @Option(names = "--gateway-url", required = true, description = "The gateway's /health and /metrics base URL.")
    private String gatewayUrl;
    @Option(names = "--kafka", required = true, description = "Kafka bootstrap servers.")
    private String kafka;

    @Option(names = "--kafka-client-config", defaultValue = "",
            description = "Kafka client properties file with the broker's security settings (the platform's "
                    + "<data dir>/kafka-sasl/client.properties); empty = PLAINTEXT.")
    private String kafkaClientConfig;
    @Option(names = "--influx-url", required = true)
    private String influxUrl;
    @Option(names = "--influx-credentials", defaultValue = "", paramLabel = "FILE", description = "InfluxDB "
            + "credentials file (scripts/influxdb.sh's <data dir>/credentials.properties); empty = no authentication.")
    private String influxCredentials;
    @Option(names = "--jobs-metrics-url", required = true, description = "The jobs' Prometheus text: Flink's reporter "
            + "(http://127.0.0.1:<--jobs-metrics-port>/metrics, asked for the lag gauges only) or the jobs' /metrics.")
    private String jobsMetricsUrl;
    @Option(names = "--cases-url", required = true, description = "The case service's base URL (its REST API).")
    private String casesUrl;
    @Option(names = "--mqtt-host", defaultValue = "127.0.0.1")
    private String mqttHost;
    @Option(names = "--mqtt-port", required = true)
    private int mqttPort;
    @Option(names = "--registry", required = true)
    private Path registry;
    @Option(names = "--credentials", required = true)
    private Path credentials;
    @Option(names = "--platform-pid", required = true, description = "pid of the platform JVM, sampled from /proc.")
    private long platformPid;
    @Option(names = "--launcher", defaultValue = "./anju", description = "Starts the load: <launcher> sim load ...")
    private String launcher;
    @Option(names = "--load-java-opts", defaultValue = "-Xmx1g")
    private String loadJavaOpts;
    @Option(names = "--work-dir", required = true)
    private Path workDir;
    @Option(names = "--out", required = true, description = "Markdown report; the run's section is appended.")
    private Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new E2eBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        E2eSettings settings;
        try {
            Duration length = duration != null ? Duration.ofMillis(Durations.parseMillis("--duration", duration))
                    : quick ? E2eSettings.QUICK_DURATION : E2eSettings.DEFAULT_DURATION;
            E2eSettings d = E2eSettings.defaults();
            settings = new E2eSettings(rate, length, connections, window, connectRate, d.probePeriod(),
                    Duration.ofMillis(Durations.parseMillis("--drain-timeout", drainTimeout)), d.warmupTimeout(),
                    viewer, caseProbeChargers,
                    Duration.ofMillis(Durations.parseMillis("--case-probe-every", caseProbeEvery)));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "bad configuration: " + e.getMessage());
        }
        E2eSettings.Target target = new E2eSettings.Target(dashboardsUrl, gatewayUrl,
                KafkaConnection.of(kafka, kafkaClientConfig, "--kafka-client-config"), influxUrl,
                InfluxCredentials.fromSetting("--influx-credentials", influxCredentials).orElse(null), jobsMetricsUrl,
                casesUrl, mqttHost, mqttPort, registry, credentials, platformPid, launcher,
                loadJavaOpts, workDir);
        E2eResult result = new E2eRun(settings, target, LOG::info).run();
        String section = E2eReport.format(settings, result);
        Files.writeString(out, section, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.print(section);
        return 0;
    }
}
