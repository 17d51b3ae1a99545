package io.anju.cases.run;

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

/** {@code ./anju cases}: the grid case system as one process. */
@Command(name = "cases", mixinStandardHelpOptions = true,
        description = {"Run the Anju grid case system: alerts from Kafka become cases that are routed to their grid,"
                + " supervised against deadlines and worked over a REST API (OpenAPI at /openapi.yaml).",
                "Settings come from defaults, then --config FILE, then ANJU_CASES_* environment variables, then flags.",
                "Every setting: --settings, or docs/configuration.md."})
public final class CasesMain implements Callable<Integer> {

    @Spec
    private CommandSpec spec;
    @Option(names = "--config", description = "Properties file with settings (see --settings).")
    private Path configFile;
    @Option(names = "--registry", description = "Registry file (registry.file, default ./data/registry.json).")
    private String registry;
    @Option(names = "--bootstrap", description = "Kafka bootstrap servers to read anju.alerts from (kafka.bootstrap, default 127.0.0.1:9092).")
    private String bootstrap;
    @Option(names = "--http-port", description = "HTTP port of the API (http.port, default 8081).")
    private Integer httpPort;
    @Option(names = "--data-dir", description = "Data directory; the embedded PostgreSQL lives in <dir>/cases/postgres (data.dir, default ./data).")
    private String dataDir;
    @Option(names = "--db-url", description = "JDBC URL of an external PostgreSQL (db.url; default: embedded).")
    private String dbUrl;
    @Option(names = "--set", description = "Any setting as key=value; repeatable.", mapFallbackValue = "")
    private Map<String, String> set = new LinkedHashMap<>();
    @Option(names = "--settings", description = "Print every setting with its default and exit.")
    private boolean printSettings;

    public static void main(String[] args) {
        System.exit(new CommandLine(new CasesMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (printSettings) {
            System.out.print(CasesConfig.markdownTable());
            return 0;
        }
        CasesConfig config;
        try {
            config = CasesConfig.load(Optional.ofNullable(configFile), System.getenv(), overrides());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "bad configuration: " + e.getMessage());
        }
        CasesServer server = CasesServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "cases-shutdown"));
        System.out.printf("anju cases up: API %s://127.0.0.1:%d/api/v1 (contract /openapi.yaml), /health, /metrics;"
                + " PostgreSQL %s; alerts from %s%n", config.listener().scheme(), server.httpPort(), server.databaseDescription(), config.kafkaBootstrap());
        stopped.await();
        return 0;
    }

    private Map<String, String> overrides() {
        Map<String, String> o = new LinkedHashMap<>(set);
        if (registry != null) {
            o.put("registry.file", registry);
        }
        if (bootstrap != null) {
            o.put("kafka.bootstrap", bootstrap);
        }
        if (httpPort != null) {
            o.put("http.port", httpPort.toString());
        }
        if (dataDir != null) {
            o.put("data.dir", dataDir);
        }
        if (dbUrl != null) {
            o.put("db.url", dbUrl);
        }
        return o;
    }
}
