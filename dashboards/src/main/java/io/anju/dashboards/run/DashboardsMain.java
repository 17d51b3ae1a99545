package io.anju.dashboards.run;

import io.anju.common.cli.ServiceCommand;
import io.anju.common.cli.SettingKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** {@code ./anju dashboards}: the web dashboards as one process. */
@Command(name = "dashboards", mixinStandardHelpOptions = true,
        description = {"Run the Anju dashboards: the web front end and its API for emergency managers, property"
                + " managers, grid centres and operators, signed in with the case system's users.",
                "Settings come from defaults, then --config FILE, then ANJU_DASHBOARDS_* environment variables, then flags.",
                "Every setting: --settings."})
public final class DashboardsMain extends ServiceCommand<DashboardsConfig, DashboardsServer> {
    @SettingKey("registry.file")
    @Option(names = "--registry", description = "Registry file (registry.file, default ./data/registry.json).")
    private String registry;
    @SettingKey("kafka.bootstrap")
    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (kafka.bootstrap, default 127.0.0.1:9092).")
    private String bootstrap;
    @SettingKey("http.port")
    @Option(names = "--http-port", description = "HTTP port of the front end and API (http.port, default 8080).")
    private Integer httpPort;
    @SettingKey("data.dir")
    @Option(names = "--data-dir", description = "Data directory (data.dir, default ./data).")
    private String dataDir;
    @SettingKey("cases.url")
    @Option(names = "--cases-url", description = "Base URL of the case service (cases.url, default http://127.0.0.1:8081).")
    private String casesUrl;
    @SettingKey("influx.url")
    @Option(names = "--influx-url", description = "InfluxDB URL for the crowd history (influx.url; default: no history).")
    private String influxUrl;
    @SettingKey("influx.credentialsFile")
    @Option(names = "--influx-credentials", paramLabel = "FILE", description = "InfluxDB credentials file "
            + "(influx.credentialsFile; username=, password=; mode 600; default: none).")
    private String influxCredentials;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DashboardsMain()).execute(args));
    }

    @Override
    protected String settingsTable() {
        return DashboardsConfig.markdownTable();
    }

    @Override
    protected DashboardsConfig load(Optional<Path> file, Map<String, String> env, Map<String, String> overrides) {
        return DashboardsConfig.load(file, env, overrides);
    }

    @Override
    protected DashboardsServer open(DashboardsConfig config) throws Exception {
        return DashboardsServer.start(config);
    }

    @Override
    protected String banner(DashboardsConfig config, DashboardsServer server) {
        return String.format("anju dashboards up: %s://127.0.0.1:%d/ (API /api, /health, /metrics); cases %s; history %s",
                config.listener().scheme(), server.httpPort(), config.casesUrl(),
                config.influxUrl().orElse("off (no influx.url)"));
    }
}
