package io.anju.gateway.testing;

import io.anju.common.auth.SecretHash;
import io.anju.common.model.Channel;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.LocationChain;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryDocument;
import io.anju.gateway.ingest.InboundMessage;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The gateway tests' devices: a tiny registry (one enabled charger, one enabled camera, one disabled gate) for the
 * MQTT side, and registered devices with the inbound messages the MQTT side hands to ingest, for the Kafka side.
 */
public final class TestDevices {
    public static final String CHARGER = "chg-0001";
    public static final String CHARGER_SECRET = "charger-secret-1";
    public static final String CAMERA = "cam-0001";
    public static final String CAMERA_SECRET = "camera-secret-1";
    public static final String DISABLED_GATE = "gate-0009";
    public static final String GATE_SECRET = "gate-secret-9";
    public static final LocationChain COMPOUND = new LocationChain("sd-01", "cm-001", "gr-0001", "cp-0001", null);
    public static final LocationChain ZONE = new LocationChain("sd-02", "cm-010", "gr-0100", null, "zone-03");

    private TestDevices() {
    }

    /** {@link #registry()} as the gateway's parts read it: the registry in use now (here it never changes). */
    public static Supplier<Registry> inUse() {
        Registry registry = registry();
        return () -> registry;
    }

    public static Registry registry() {
        Random random = new Random(1);
        List<Device> devices = List.of(
                new Device(CHARGER, DeviceType.CHARGER, COMPOUND, SecretHash.hash(CHARGER_SECRET, random), true, null, null, null),
                new Device(CAMERA, DeviceType.CAMERA, COMPOUND, SecretHash.hash(CAMERA_SECRET, random), true, null, null, null),
                new Device(DISABLED_GATE, DeviceType.GATE, COMPOUND, SecretHash.hash(GATE_SECRET, random), false, null, null, null));
        return new Registry(new RegistryDocument(RegistryDocument.CURRENT_VERSION, 1, "test", List.of(), List.of(),
                List.of(), List.of(), List.of(), devices));
    }

    /** A registered, enabled device of {@code type}: crowd counters in a zone, everything else in a compound. */
    public static Device device(String id, DeviceType type) {
        return new Device(id, type, type == DeviceType.CROWD ? ZONE : COMPOUND, "not-used", true, null, null, null);
    }

    /** A JSON message from {@code device} as the MQTT side hands it to ingest. */
    public static InboundMessage json(Device device, Channel channel, String json, long receivedAt) {
        return new InboundMessage(device, channel, null, json.getBytes(StandardCharsets.UTF_8), receivedAt, 1);
    }

    public static String crowdTelemetry(long ts, long seq, int count) {
        return "{\"ts\":" + ts + ",\"seq\":" + seq + ",\"count\":" + count + ",\"inCount\":3,\"outCount\":2,\"intervalS\":10}";
    }
}
