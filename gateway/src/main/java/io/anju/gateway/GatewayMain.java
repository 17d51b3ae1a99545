package io.anju.gateway;

import io.anju.gateway.config.GatewayConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code ./anju gateway}: parses the command line into a {@link GatewayConfig} and runs a {@link GatewayNode}. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = {"Anju MQTT gateway: devices in, Kafka out.",
                "Settings come from defaults, then --config FILE, then ANJU_* environment variables, then flags.",
                "Every setting: --settings, or docs/configuration.md."})
public final class GatewayMain implements Callable<Integer> {
    @Option(names = "--config", description = "Properties file with settings (see --settings).")
    private Path configFile;
    @Option(names = "--registry", description = "Registry file (registry.file, default ./data/registry.json).")
    private String registry;
    @Option(names = "--mqtt-port", description = "MQTT port (mqtt.port, default 1883).")
    private Integer mqttPort;
    @Option(names = "--http-port", description = "HTTP port of /health and /metrics (http.port, default 9080).")
    private Integer httpPort;
    @Option(names = "--kafka-port", description = "Embedded Kafka broker port (kafka.port, default 9092).")
    private Integer kafkaPort;
    @Option(names = "--bootstrap", description = "External Kafka bootstrap servers (kafka.bootstrap; default: embedded broker).")
    private String bootstrap;
    @Option(names = "--data-dir", description = "Data directory (data.dir, default ./data).")
    private String dataDir;
    @Option(names = "--tls-self-signed", description = "Enable MQTT over TLS with a generated self-signed certificate (demos).")
    private boolean tlsSelfSigned;
    @Option(names = "--set", description = "Any setting as key=value; repeatable.", mapFallbackValue = "")
    private Map<String, String> settings = new LinkedHashMap<>();
    @Option(names = "--settings", description = "Print every setting with its default and exit.")
    private boolean printSettings;

    public static void main(String[] args) {
        System.exit(new CommandLine(new GatewayMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (printSettings) {
            System.out.print(GatewayConfig.markdownTable());
            return 0;
        }
        GatewayConfig config;
        try {
            config = GatewayConfig.load(Optional.ofNullable(configFile), System.getenv(), overrides());
        } catch (IllegalArgumentException e) {
            System.err.println("gateway: bad configuration: " + e.getMessage());
            return 2;
        }
        GatewayNode node = new GatewayNode(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "gateway-shutdown"));
        try {
            node.start();
        } catch (RuntimeException e) {
            System.err.println("gateway: failed to start: " + e.getMessage());
            return 1;
        }
        System.out.printf("gateway %s up: mqtt %d, http %d (/health, /metrics), kafka %s%s%n", config.nodeId(),
                node.server().mqttPort(), node.server().httpPort(), node.kafka(),
                node.kafkaClientConfig().map(f -> ", client settings in " + f).orElse(""));
        stopped.await();
        return 0;
    }

    private Map<String, String> overrides() {
        Map<String, String> o = new LinkedHashMap<>(settings);
        putIfSet(o, "registry.file", registry);
        putIfSet(o, "mqtt.port", mqttPort);
        putIfSet(o, "http.port", httpPort);
        putIfSet(o, "kafka.port", kafkaPort);
        putIfSet(o, "kafka.bootstrap", bootstrap);
        putIfSet(o, "data.dir", dataDir);
        if (tlsSelfSigned) {
            o.put("mqtt.tls.enabled", "true");
            o.put("mqtt.tls.selfSigned", "true");
        }
        return o;
    }

    private static void putIfSet(Map<String, String> map, String key, Object value) {
        if (value != null) {
            map.put(key, value.toString());
        }
    }
}
