package io.anju.gateway;

import io.anju.common.cli.ServiceCommand;
import io.anju.common.cli.SettingKey;
import io.anju.gateway.config.GatewayConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** {@code ./anju gateway}: parses the command line into a {@link GatewayConfig} and runs a {@link GatewayNode}. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = {"Anju MQTT gateway: devices in, Kafka out.",
                "Settings come from defaults, then --config FILE, then ANJU_* environment variables, then flags.",
                "Every setting: --settings, or docs/configuration.md."})
public final class GatewayMain extends ServiceCommand<GatewayConfig, GatewayNode> {
    @SettingKey("registry.file")
    @Option(names = "--registry", description = "Registry file (registry.file, default ./data/registry.json).")
    private String registry;
    @SettingKey("mqtt.port")
    @Option(names = "--mqtt-port", description = "MQTT port (mqtt.port, default 1883).")
    private Integer mqttPort;
    @SettingKey("http.port")
    @Option(names = "--http-port", description = "HTTP port of /health and /metrics (http.port, default 9080).")
    private Integer httpPort;
    @SettingKey("kafka.port")
    @Option(names = "--kafka-port", description = "Embedded Kafka broker port (kafka.port, default 9092).")
    private Integer kafkaPort;
    @SettingKey("kafka.bootstrap")
    @Option(names = "--bootstrap", description = "External Kafka bootstrap servers (kafka.bootstrap; default: embedded broker).")
    private String bootstrap;
    @SettingKey("data.dir")
    @Option(names = "--data-dir", description = "Data directory (data.dir, default ./data).")
    private String dataDir;
    @Option(names = "--tls-self-signed", description = "Enable MQTT over TLS with a generated self-signed certificate (demos).")
    private boolean tlsSelfSigned;

    public static void main(String[] args) {
        System.exit(new CommandLine(new GatewayMain()).execute(args));
    }

    @Override
    protected String settingsTable() {
        return GatewayConfig.markdownTable();
    }

    @Override
    protected GatewayConfig load(Optional<Path> file, Map<String, String> env, Map<String, String> overrides) {
        return GatewayConfig.load(file, env, overrides);
    }

    /** One flag for two settings; the others are marked with theirs. */
    @Override
    protected void flags(Map<String, String> overrides) {
        if (tlsSelfSigned) {
            overrides.put("mqtt.tls.enabled", "true");
            overrides.put("mqtt.tls.selfSigned", "true");
        }
    }

    /** Built first and started after: a Ctrl-C during the start (the registry catch-up) still closes it. */
    @Override
    protected GatewayNode open(GatewayConfig config) {
        return new GatewayNode(config);
    }

    @Override
    protected void start(GatewayNode node) throws InterruptedException {
        node.start();
    }

    @Override
    protected String banner(GatewayConfig config, GatewayNode node) {
        return String.format("gateway %s up: mqtt %d, http %d (/health, /metrics), kafka %s%s", config.nodeId(),
                node.server().mqttPort(), node.server().httpPort(), node.kafka(),
                node.kafkaClientConfig().map(f -> ", client settings in " + f).orElse(""));
    }
}
