package io.anju.platform;

import io.anju.common.cli.Durations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code ./anju platform}: parses the command line into {@link PlatformSettings} and runs a {@link Platform}. */
@Command(name = "platform", mixinStandardHelpOptions = true,
        description = {"The whole Anju platform in one process: gateway with embedded Kafka, Flink jobs, case service "
                + "with embedded PostgreSQL, dashboards, demo users and the simulator's demo scenario.",
                "Ctrl-C stops everything in reverse order (the jobs with a savepoint); data stays under --data-dir "
                        + "and the next run continues from it."})
public final class PlatformMain implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    @Option(names = "--data-dir", description = "Registry, Kafka log, checkpoints, PostgreSQL (default ./data).")
    private Path dataDir = Path.of("data");
    @Option(names = "--speed", description = "Simulated seconds per real second (default 10).")
    private double speed = PlatformSettings.DEFAULT_SPEED;
    @Option(names = "--devices", description = "Devices to play besides the scenario's own: limit=N, type=T, "
            + "compound=ID, zone=ID or ids (default " + PlatformSettings.DEFAULT_DEVICES + ").")
    private String devices = PlatformSettings.DEFAULT_DEVICES;
    @Option(names = "--no-sim", description = "Do not play devices (connect real ones, or run ./anju sim).")
    private boolean noSim;
    @Option(names = "--influx-url", description = "InfluxDB for history, e.g. http://127.0.0.1:8186 (default: none).")
    private String influxUrl;
    @Option(names = "--influx-credentials", paramLabel = "FILE", description = "That InfluxDB's credentials file "
            + "(username=, password=; mode 600), as scripts/influxdb.sh writes to <its data dir>/credentials.properties "
            + "(default: none, an InfluxDB without authentication).")
    private Path influxCredentials;
    @Option(names = "--bind", description = "Address the listeners bind to (default 127.0.0.1; the demo password is public).")
    private String bind = "127.0.0.1";
    @Option(names = "--mqtt-port", description = "MQTT (default 1883).")
    private int mqttPort = PlatformSettings.Ports.defaults().mqtt();
    @Option(names = "--kafka-port", description = "Embedded Kafka on 127.0.0.1 (default 9092).")
    private int kafkaPort = PlatformSettings.Ports.defaults().kafka();
    @Option(names = "--gateway-http-port", description = "Gateway /health and /metrics (default 9080).")
    private int gatewayHttpPort = PlatformSettings.Ports.defaults().gatewayHttp();
    @Option(names = "--jobs-http-port", description = "Jobs /health and /metrics (default 9081).")
    private int jobsHttpPort = PlatformSettings.Ports.defaults().jobsHttp();
    @Option(names = "--cases-http-port", description = "Case service API (default 8081).")
    private int casesHttpPort = PlatformSettings.Ports.defaults().casesHttp();
    @Option(names = "--dashboards-http-port", description = "Dashboards (default 8080).")
    private int dashboardsHttpPort = PlatformSettings.Ports.defaults().dashboardsHttp();
    @Option(names = "--jobs-metrics-port", description = "Flink's Prometheus reporter on 127.0.0.1 (default 9249; 0 = off).")
    private int jobsMetricsPort = PlatformSettings.Ports.defaults().jobsMetrics();
    @Option(names = "--seed", description = "Seed of the simulator's randomness (default 1).")
    private long seed = 1;
    @Option(names = "--faults-after", description = "Simulated time from the evening's start to the demo's faults, "
            + "1m to 12h (default 1m; at 10× 5m leaves 30 s to look before them).")
    private String faultsAfter = "1m";
    @Option(names = "--cases", paramLabel = "KEY=VALUE", description = "A case-service setting (docs/configuration.md), "
            + "e.g. --cases notify.sms.url=https://sms.example.org/send; repeatable (default none).")
    private Map<String, String> cases = new LinkedHashMap<>();

    /** The platform's logging configuration; each module jar on the class path has its own {@code logback.xml}. */
    static final String LOGBACK_CONFIG = "anju-platform-logback.xml";

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
        System.exit(new CommandLine(new PlatformMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PlatformSettings settings;
        try {
            settings = PlatformSettings.builder(dataDir).bindHost(bind)
                    .ports(new PlatformSettings.Ports(mqttPort, kafkaPort, gatewayHttpPort, jobsHttpPort, casesHttpPort,
                            dashboardsHttpPort, jobsMetricsPort))
                    .influxUrl(influxUrl).influxCredentials(influxCredentials).simulate(!noSim).devices(devices)
                    .speed(speed).seed(seed)
                    .faultsAfter(Duration.ofMillis(Durations.parseMillis("--faults-after", faultsAfter)))
                    .cases(cases).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "bad configuration: " + e.getMessage());
        }
        Platform platform = new Platform(settings, new BundledDashboards());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.close();
            stopped.countDown();
        }, "platform-shutdown"));
        try {
            platform.start();
        } catch (Exception e) {
            System.err.println("platform: failed to start: " + e.getMessage());
            return 1;
        }
        PlatformUrls.banner(platform).forEach(System.out::println);
        System.out.flush();
        stopped.await();
        return 0;
    }
}
