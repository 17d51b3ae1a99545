package io.anju.sim.gateway;

import io.anju.common.auth.Credentials;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryLoader;
import io.anju.common.registry.RegistryWriter;
import io.anju.common.topic.KafkaConnection;
import io.anju.gateway.GatewayNode;
import io.anju.gateway.config.GatewayConfig;
import io.anju.registry.generate.GeneratedRegistry;
import io.anju.registry.generate.GeneratorOptions;
import io.anju.registry.generate.RegistryGenerator;
import io.micrometer.core.instrument.Counter;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real gateway node (embedded Kafka, MQTT and HTTP on free loopback ports) over a registry generated from a fixed
 * seed with seeded secrets, plus the credentials file the simulator reads. Stops everything on close.
 */
final class GatewayUnderTest implements AutoCloseable {
    static final long REGISTRY_SEED = 11;
    /** Name of the credentials CSV written next to the registry, for {@code auth.tokenSecretsFile}. */
    static final String CREDENTIALS = "credentials.csv";

    final Registry registry;
    final List<Credentials.Entry> credentials;
    final Map<String, String> secrets;
    final Path credentialsFile;
    final Path dataDir;
    final GatewayNode node;

    private GatewayUnderTest(Registry registry, List<Credentials.Entry> credentials, Path credentialsFile, Path dataDir,
                             GatewayNode node) {
        this.registry = registry;
        this.credentials = credentials;
        this.credentialsFile = credentialsFile;
        this.dataDir = dataDir;
        this.node = node;
        Map<String, String> byId = new HashMap<>();
        credentials.forEach(e -> byId.put(e.deviceId(), e.secret()));
        this.secrets = Map.copyOf(byId);
    }

    /** Generates registry and credentials under {@code dir} and starts a node with {@code settings} on top. */
    static GatewayUnderTest start(Path dir, Map<String, String> settings) throws InterruptedException {
        GeneratedRegistry generated = RegistryGenerator.generate(new GeneratorOptions(REGISTRY_SEED, true, 0));
        Path registryFile = dir.resolve("registry.json");
        RegistryWriter.write(registryFile, generated.document());
        Path credentialsFile = dir.resolve(CREDENTIALS);
        Credentials.write(credentialsFile, generated.credentials());
        Path dataDir = dir.resolve("data");
        Map<String, String> all = new HashMap<>(Map.of(
                "node.id", "gw-sim-it",
                "mqtt.host", "127.0.0.1",
                "mqtt.port", "0",
                "http.host", "127.0.0.1",
                "http.port", "0",
                "kafka.port", "0",
                "data.dir", dataDir.toString(),
                "registry.file", registryFile.toString()));
        all.putAll(settings);
        GatewayNode node = new GatewayNode(GatewayConfig.of(all)).start();
        return new GatewayUnderTest(RegistryLoader.load(registryFile), generated.credentials(), credentialsFile,
                dataDir, node);
    }

    String mqttUri() {
        return "tcp://127.0.0.1:" + node.server().mqttPort();
    }

    /** The gateway's embedded broker, which takes its SCRAM user only. */
    KafkaConnection kafka() {
        return node.kafka();
    }

    /** The first {@code n} enabled devices of a type, in registry order. */
    List<Device> enabled(DeviceType type, int n) {
        return registry.devicesOfType(type).stream().filter(Device::enabled).limit(n).toList();
    }

    /** CONNECTs the gateway answered with the given outcome ({@code accepted}, {@code bad_credentials}, …). */
    double connectAttempts(String outcome) {
        Counter c = node.meters().find("anju.gateway.connect.attempts").tag("outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    @Override
    public void close() {
        node.close();
    }
}
