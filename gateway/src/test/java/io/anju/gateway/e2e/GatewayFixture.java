package io.anju.gateway.e2e;

import io.anju.common.auth.Credentials;
import io.anju.common.model.Device;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryLoader;
import io.anju.common.registry.RegistryWriter;
import io.anju.common.topic.KafkaConnection;
import io.anju.gateway.GatewayNode;
import io.anju.gateway.config.GatewayConfig;
import io.anju.registry.generate.GeneratedRegistry;
import io.anju.registry.generate.GeneratorOptions;
import io.anju.registry.generate.RegistryGenerator;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A generated registry (with seeded secrets and {@code load-00001 …} chargers) written to a temporary directory,
 * and a real {@link GatewayNode} on it: loopback only, ephemeral ports, its embedded Kafka broker under the same
 * directory unless {@code kafka.bootstrap} is given.
 */
final class GatewayFixture implements AutoCloseable {
    static final String NODE_ID = "gw-e2e";
    private static final long SEED = 20_251_129L;

    private final Path dir;
    private final Path registryFile;
    private final Registry registry;
    private final Map<String, String> secrets = new HashMap<>();
    private GatewayNode node;

    private GatewayFixture(Path dir, int loadDevices) {
        this.dir = dir;
        this.registryFile = dir.resolve("registry.json");
        GeneratedRegistry generated = RegistryGenerator.generate(new GeneratorOptions(SEED, true, loadDevices));
        RegistryWriter.write(registryFile, generated.document());
        for (Credentials.Entry e : generated.credentials()) {
            secrets.put(e.deviceId(), e.secret());
        }
        this.registry = RegistryLoader.load(registryFile);
    }

    /** Writes the registry; the gateway is started by {@link #start}. */
    static GatewayFixture prepare(Path dir, int loadDevices) {
        return new GatewayFixture(dir, loadDevices);
    }

    /** Starts the node with the loopback/ephemeral-port defaults of the fixture plus {@code overrides}. */
    GatewayFixture start(Map<String, String> overrides) throws InterruptedException {
        Map<String, String> settings = new HashMap<>(Map.of(
                "node.id", NODE_ID,
                "mqtt.host", "127.0.0.1", "http.host", "127.0.0.1",
                "mqtt.port", "0", "mqtt.tls.port", "0", "http.port", "0", "kafka.port", "0",
                "data.dir", dir.resolve("data").toString(),
                "registry.file", registryFile.toString(),
                "kafka.topicPartitions", "3"));
        settings.putAll(overrides);
        node = new GatewayNode(GatewayConfig.of(settings)).start();
        return this;
    }

    GatewayNode node() {
        return node;
    }

    Registry registry() {
        return registry;
    }

    Path registryFile() {
        return registryFile;
    }

    Device device(String id) {
        return registry.device(id).orElseThrow(() -> new IllegalArgumentException("no device " + id + " in the registry"));
    }

    String secret(String deviceId) {
        String s = secrets.get(deviceId);
        if (s == null) {
            throw new IllegalArgumentException("no secret for " + deviceId);
        }
        return s;
    }

    String tcpUri() {
        return "tcp://127.0.0.1:" + node.server().mqttPort();
    }

    /** The gateway's embedded broker, which takes its SCRAM user only. */
    KafkaConnection kafka() {
        return node.kafka();
    }

    static String loadDevice(int n) {
        return String.format("load-%05d", n);
    }

    @Override
    public void close() {
        if (node != null) {
            node.close();
        }
    }
}
