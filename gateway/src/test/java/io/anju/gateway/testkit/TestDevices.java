package io.anju.gateway.testkit;

import io.anju.common.model.Channel;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.LocationChain;
import io.anju.gateway.ingest.InboundMessage;

import java.nio.charset.StandardCharsets;

/** Registered devices and inbound messages for tests, as the MQTT side would hand them over. */
public final class TestDevices {
    public static final LocationChain COMPOUND = new LocationChain("sd-01", "cm-001", "gr-0001", "cp-0001", null);
    public static final LocationChain ZONE = new LocationChain("sd-02", "cm-010", "gr-0100", null, "zone-03");

    private TestDevices() {
    }

    public static Device device(String id, DeviceType type) {
        return new Device(id, type, type == DeviceType.CROWD ? ZONE : COMPOUND, "not-used", true, null, null, null);
    }

    public static InboundMessage json(Device device, Channel channel, String json, long receivedAt) {
        return new InboundMessage(device, channel, null, json.getBytes(StandardCharsets.UTF_8), receivedAt, 1);
    }

    public static String crowdTelemetry(long ts, long seq, int count) {
        return "{\"ts\":" + ts + ",\"seq\":" + seq + ",\"count\":" + count + ",\"inCount\":3,\"outCount\":2,\"intervalS\":10}";
    }
}
