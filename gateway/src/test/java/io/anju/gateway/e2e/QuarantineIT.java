package io.anju.gateway.e2e;

import io.anju.common.model.DeviceType;
import io.anju.common.topic.MqttTopics;
import io.anju.common.topic.Topics;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Invalid payloads (among them a number beyond double range) from real MQTT 3.1.1 and 5.0 clients are kept in {@code anju.quarantine} with their reason
 * (5.0 is told with PUBACK 0x99 Payload format invalid), and valid messages on the same connections still flow.
 */
class QuarantineIT {
    private static final long TS = 1_764_378_000_000L;
    private static final String NOT_JSON = "ports: all fine";
    private static final String MISSING_TS = "{\"seq\":2,\"ports\":[]}";
    private static final String BAD_ENUM = "{\"ts\":" + TS + ",\"seq\":3,\"ports\":[{\"no\":1,\"state\":\"exploding\"}]}";
    /** 1e400 parses to Infinity: it would reach every reader downstream as one. */
    private static final String NOT_FINITE = "{\"ts\":" + TS + ",\"seq\":5,\"ports\":[{\"no\":1,\"state\":\"charging\",\"powerW\":1e400}]}";
    private static final List<String> INVALID = List.of(NOT_JSON, MISSING_TS, BAD_ENUM, NOT_FINITE);

    @TempDir
    Path dir;
    private GatewayFixture gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void invalidPayloads_areQuarantinedWithTheirReason_v5SeesPuback0x99_validOnesStillFlow() throws Exception {
        gateway = GatewayFixture.prepare(dir, 2).start(Map.of());
        String v3Device = GatewayFixture.loadDevice(1);
        String v5Device = GatewayFixture.loadDevice(2);

        try (MqttClient v3 = new MqttClient(gateway.tcpUri(), v3Device, new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence())) {
            v3.connect(DeviceClients.v3(v3Device, gateway.secret(v3Device)));
            String topic = MqttTopics.telemetry(DeviceType.CHARGER, v3Device);
            // 3.1.1 has no reason codes: a quarantined message is acknowledged once the quarantine record is in Kafka.
            for (String invalid : INVALID) {
                v3.publish(topic, DeviceClients.bytes(invalid), 1, false);
            }
            v3.publish(topic, DeviceClients.bytes(DeviceClients.chargerTelemetry(TS, 4)), 1, false);
            assertThat(v3.isConnected()).as("invalid payloads do not cost the connection").isTrue();
            v3.disconnect();
        }

        MqttAsyncClient v5 = new MqttAsyncClient(gateway.tcpUri(), v5Device, new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        try {
            v5.connect(DeviceClients.v5(v5Device, gateway.secret(v5Device))).waitForCompletion(DeviceClients.WAIT_MS);
            String topic = MqttTopics.telemetry(DeviceType.CHARGER, v5Device);
            List<Integer> reasons = new ArrayList<>();
            for (String invalid : INVALID) {
                reasons.add(DeviceClients.reasonCode(v5.publish(topic, new MqttMessage(DeviceClients.bytes(invalid), 1, false, null))));
            }
            assertThat(reasons).containsExactly(0x99, 0x99, 0x99, 0x99);
            int valid = DeviceClients.reasonCode(v5.publish(topic,
                    new MqttMessage(DeviceClients.bytes(DeviceClients.chargerTelemetry(TS, 4)), 1, false, null)));
            assertThat(valid).isZero();
            assertThat(v5.isConnected()).isTrue();
            v5.disconnect().waitForCompletion(DeviceClients.WAIT_MS);
        } finally {
            v5.close(true);
        }

        List<Envelopes.Keyed> quarantine = Envelopes.read(gateway.kafka(), Topics.QUARANTINE);
        assertThat(quarantine).extracting(r -> r.key(), r -> r.value().path("deviceId").asText(),
                        r -> r.value().path("mqttTopic").asText(), r -> reasonCode(r.value().path("reason").asText()),
                        r -> r.value().path("payloadText").asText())
                .containsExactlyInAnyOrder(
                        tuple(v3Device, v3Device, MqttTopics.telemetry(DeviceType.CHARGER, v3Device), "not_json", NOT_JSON),
                        tuple(v3Device, v3Device, MqttTopics.telemetry(DeviceType.CHARGER, v3Device), "missing_field", MISSING_TS),
                        tuple(v3Device, v3Device, MqttTopics.telemetry(DeviceType.CHARGER, v3Device), "bad_value", BAD_ENUM),
                        tuple(v3Device, v3Device, MqttTopics.telemetry(DeviceType.CHARGER, v3Device), "bad_value", NOT_FINITE),
                        tuple(v5Device, v5Device, MqttTopics.telemetry(DeviceType.CHARGER, v5Device), "not_json", NOT_JSON),
                        tuple(v5Device, v5Device, MqttTopics.telemetry(DeviceType.CHARGER, v5Device), "missing_field", MISSING_TS),
                        tuple(v5Device, v5Device, MqttTopics.telemetry(DeviceType.CHARGER, v5Device), "bad_value", BAD_ENUM),
                        tuple(v5Device, v5Device, MqttTopics.telemetry(DeviceType.CHARGER, v5Device), "bad_value", NOT_FINITE));
        assertThat(quarantine).allSatisfy(r -> {
            assertThat(r.value().path("type").asText()).isEqualTo("charger");
            assertThat(r.value().path("channel").asText()).isEqualTo("telemetry");
            assertThat(r.value().path("gateway").asText()).isEqualTo(GatewayFixture.NODE_ID);
        });
        assertThat(quarantine).filteredOn(r -> r.value().path("reason").asText().startsWith("missing_field"))
                .allSatisfy(r -> assertThat(r.value().path("reason").asText()).contains("ts"));
        assertThat(quarantine).filteredOn(r -> r.value().path("payloadText").asText().equals(BAD_ENUM))
                .allSatisfy(r -> assertThat(r.value().path("reason").asText()).contains("state").contains("exploding"));
        assertThat(quarantine).filteredOn(r -> r.value().path("payloadText").asText().equals(NOT_FINITE)).hasSize(2)
                .allSatisfy(r -> assertThat(r.value().path("reason").asText())
                        .isEqualTo("bad_value: ports[0].powerW must be a finite number"));

        assertThat(Envelopes.read(gateway.kafka(), Topics.telemetry(DeviceType.CHARGER)))
                .extracting(r -> r.value().path("deviceId").asText(), r -> r.value().path("seq").asLong())
                .containsExactlyInAnyOrder(tuple(v3Device, 4L), tuple(v5Device, 4L));
    }

    /** The stable code before the colon of a quarantine reason. */
    private static String reasonCode(String reason) {
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }
}
