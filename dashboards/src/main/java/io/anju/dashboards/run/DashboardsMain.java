package io.anju.dashboards.run;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code ./anju dashboards}: the web dashboards as one process. */
@Command(name = "dashboards", mixinStandardHelpOptions = true,
        description = {"Run the Anju dashboards: the web front end and its API for emergency managers, property"
                + " managers, grid centres and operators, signed in with the case system's users.",
                "Settings come from defaults, then --config FILE, then ANJU_DASHBOARDS_* environment variables, then flags.",
                "Every setting: --settings."})
public final class DashboardsMain implements Callable<Integer> {

    @Spec
    private CommandSpec spec;
    @Option(names = "--config", description = "Properties file with settings (see --settings).")
    private Path configFile;
    @Option(names = "--registry", description = "Registry file (registry.file, default ./data/registry.json).")
    private String registry;
    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (kafka.bootstrap, default 127.0.0.1:9092).")
    private String bootstrap;
    @Option(names = "--http-port", description = "HTTP port of the front end and API (http.port, default 8080).")
    private Integer httpPort;
    @Option(names = "--data-dir", description = "Data directory (data.dir, default ./data).")
    private String dataDir;
    @Option(names = "--cases-url", description = "Base URL of the case service (cases.url, default http://127.0.0.1:8081).")
    private String casesUrl;
    @Option(names = "--influx-url", description = "InfluxDB URL for the crowd history (influx.url; default: no history).")
    private String influxUrl;
    @Option(names = "--influx-credentials", paramLabel = "FILE", description = "InfluxDB credentials file "
            + "(influx.credentialsFile; username=, password=; mode 600; default: none).")
    private String influxCredentials;
    @Option(names = "--set", description = "Any setting as key=value; repeatable.", mapFallbackValue = "")
    private Map<String, String> set = new LinkedHashMap<>();
    @Option(names = "--settings", description = "Print every setting with its default and exit.")
    private boolean printSettings;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DashboardsMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (printSettings) {
            System.out.print(DashboardsConfig.markdownTable());
            return 0;
        }
        DashboardsConfig config;
        try {
            config = DashboardsConfig.load(Optional.ofNullable(configFile), System.getenv(), overrides());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "bad configuration: " + e.getMessage());
        }
        DashboardsServer server = DashboardsServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "dashboards-shutdown"));
        System.out.printf("anju dashboards up: %s://127.0.0.1:%d/ (API /api, /health, /metrics); cases %s; history %s%n",
                config.listener().scheme(), server.httpPort(), config.casesUrl(), config.influxUrl().orElse("off (no influx.url)"));
        stopped.await();
        return 0;
    }

    private Map<String, String> overrides() {
        Map<String, String> o = new LinkedHashMap<>(set);
        putIf(o, "registry.file", registry);
        putIf(o, "kafka.bootstrap", bootstrap);
        putIf(o, "http.port", httpPort == null ? null : httpPort.toString());
        putIf(o, "data.dir", dataDir);
        putIf(o, "cases.url", casesUrl);
        putIf(o, "influx.url", influxUrl);
        putIf(o, "influx.credentialsFile", influxCredentials);
        return o;
    }

    private static void putIf(Map<String, String> o, String key, String value) {
        if (value != null) {
            o.put(key, value);
        }
    }
}
