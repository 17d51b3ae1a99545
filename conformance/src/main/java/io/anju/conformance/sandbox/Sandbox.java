package io.anju.conformance.sandbox;

import io.anju.common.auth.Credentials;
import io.anju.common.auth.SecretIssuer;
import io.anju.common.registry.RegistryWriter;
import io.anju.common.topic.KafkaConnection;
import io.anju.conformance.watch.TimeScale;
import io.anju.gateway.GatewayNode;
import io.anju.gateway.config.GatewayConfig;
import io.anju.gateway.session.DeviceSession;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A gateway of its own for the devices under test: the real gateway node with its embedded Kafka broker, a registry
 * of those devices only, each with a fresh secret (kept hashed in the registry, as the registry does, and in plain in
 * a private {@code credentials.csv} for the vendor). Its receive clock is the kit's {@link TimeScale}, so a simulated
 * firmware running faster than real time is judged on its own clock.
 */
public final class Sandbox implements AutoCloseable {
    /**
     * Settings that let the kit see and judge everything: every diagnostic record kept (the rate limit would hide
     * reconnect attempts), and no flapping ban (the kit judges the attempts itself and must see them all).
     */
    static final Map<String, String> WATCHING = Map.of(
            "diagnostics.ratePerSecond", "1000",
            "diagnostics.burst", "10000",
            "limits.flappingMaxConnects", "10000");

    private final List<DeviceUnderTest> devices;
    private final Path registryFile;
    private final Path credentialsFile;
    private final GatewayNode node;

    private Sandbox(List<DeviceUnderTest> devices, Path registryFile, Path credentialsFile, GatewayNode node) {
        this.devices = List.copyOf(devices);
        this.registryFile = registryFile;
        this.credentialsFile = credentialsFile;
        this.node = node;
    }

    /** Issues secrets for {@code devices} ({@code secret} ignored), writes the registry, starts the gateway. */
    public static Sandbox start(SandboxSettings settings, List<DeviceUnderTest> devices, TimeScale scale)
            throws InterruptedException {
        SecretIssuer issuer = SecretIssuer.secure();
        List<DeviceUnderTest> issued = new ArrayList<>();
        Map<String, String> hashes = new HashMap<>();
        for (DeviceUnderTest d : devices) {
            SecretIssuer.Issued secret = issuer.issue();
            issued.add(new DeviceUnderTest(d.id(), d.type(), secret.secret()));
            hashes.put(d.id(), secret.hash());
        }
        Path dir = settings.dataDir();
        Path registryFile = dir.resolve("registry.json");
        RegistryWriter.write(registryFile, SandboxRegistry.document(issued, hashes, settings.chargerPorts()));
        Path credentials = dir.resolve("credentials.csv");
        Credentials.write(credentials, issued.stream()
                .map(d -> new Credentials.Entry(d.id(), d.type().wireName(), d.secret())).toList());
        Map<String, String> config = new LinkedHashMap<>(WATCHING);
        config.put("node.id", "conformance");
        config.put("mqtt.host", settings.bind());
        config.put("mqtt.port", String.valueOf(settings.mqttPort()));
        config.put("http.host", "127.0.0.1");
        config.put("http.port", "0");
        config.put("kafka.port", "0");
        config.put("data.dir", dir.resolve("gateway").toString());
        config.put("registry.file", registryFile.toString());
        GatewayNode node = new GatewayNode(GatewayConfig.of(config)).withReceiveClock(scale::now).start();
        return new Sandbox(issued, registryFile, credentials, node);
    }

    public List<DeviceUnderTest> devices() {
        return devices;
    }

    public int mqttPort() {
        return node.server().mqttPort();
    }

    /** The sandbox's registry: the devices under test in a minimal place chain. */
    public Path registryFile() {
        return registryFile;
    }

    public Path credentialsFile() {
        return credentialsFile;
    }

    /** The sandbox's Kafka broker, for the kit's own consumer and producer. */
    public KafkaConnection kafka() {
        return node.kafka();
    }

    /**
     * Drops the device's connection as a failed network would (its Will is due) and refuses its reconnects for
     * {@code refuseFor}; false when it was not connected.
     */
    public boolean dropAndRefuse(String deviceId, Duration refuseFor) {
        DeviceSession session = node.server().sessions().session(deviceId).orElse(null);
        if (session == null) {
            return false;
        }
        node.server().holdOff(deviceId, refuseFor);
        session.drop();
        return true;
    }

    @Override
    public void close() {
        node.close();
    }
}
