package io.anju.cases.run;

import io.anju.common.cli.ServiceCommand;
import io.anju.common.cli.SettingKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** {@code ./anju cases}: the grid case system as one process. */
@Command(name = "cases", mixinStandardHelpOptions = true,
        description = {"Run the Anju grid case system: alerts from Kafka become cases that are routed to their grid,"
                + " supervised against deadlines and worked over a REST API (OpenAPI at /openapi.yaml).",
                "Settings come from defaults, then --config FILE, then ANJU_CASES_* environment variables, then flags.",
                "Every setting: --settings, or docs/configuration.md."})
public final class CasesMain extends ServiceCommand<CasesConfig, CasesServer> {
    @SettingKey("registry.file")
    @Option(names = "--registry", description = "Registry file (registry.file, default ./data/registry.json).")
    private String registry;
    @SettingKey("kafka.bootstrap")
    @Option(names = "--bootstrap", description = "Kafka bootstrap servers to read anju.alerts from (kafka.bootstrap, default 127.0.0.1:9092).")
    private String bootstrap;
    @SettingKey("http.port")
    @Option(names = "--http-port", description = "HTTP port of the API (http.port, default 8081).")
    private Integer httpPort;
    @SettingKey("data.dir")
    @Option(names = "--data-dir", description = "Data directory; the embedded PostgreSQL lives in <dir>/cases/postgres (data.dir, default ./data).")
    private String dataDir;
    @SettingKey("db.url")
    @Option(names = "--db-url", description = "JDBC URL of an external PostgreSQL (db.url; default: embedded).")
    private String dbUrl;

    public static void main(String[] args) {
        System.exit(new CommandLine(new CasesMain()).execute(args));
    }

    @Override
    protected String settingsTable() {
        return CasesConfig.markdownTable();
    }

    @Override
    protected CasesConfig load(Optional<Path> file, Map<String, String> env, Map<String, String> overrides) {
        return CasesConfig.load(file, env, overrides);
    }

    @Override
    protected CasesServer open(CasesConfig config) throws Exception {
        return CasesServer.start(config);
    }

    @Override
    protected String banner(CasesConfig config, CasesServer server) {
        return String.format("anju cases up: API %s://127.0.0.1:%d/api/v1 (contract /openapi.yaml), /health, /metrics;"
                        + " PostgreSQL %s; alerts from %s", config.listener().scheme(), server.httpPort(),
                server.databaseDescription(), config.kafkaBootstrap());
    }
}
