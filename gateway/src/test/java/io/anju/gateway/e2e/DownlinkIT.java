package io.anju.gateway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.model.DeviceType;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.MqttTopics;
import io.anju.common.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Commands from {@code anju.commands} through the real relay and gateway to a connected Paho charger, and every
 * outcome, plus the device's reply, in {@code anju.command-results}. A command for a charger that is away is held
 * and reaches it when it connects and subscribes. Another charger's reply to that command is quarantined.
 */
class DownlinkIT {
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
    void commandsAreDeliveredOrReported_andTheDeviceReplyReachesCommandResults() throws Exception {
        gateway = GatewayFixture.prepare(dir, 3).start(Map.of());
        String online = GatewayFixture.loadDevice(1);
        String offline = GatewayFixture.loadDevice(2);
        String stranger = GatewayFixture.loadDevice(3);
        long now = System.currentTimeMillis();
        try (SimulatedCharger charger = new SimulatedCharger(gateway.tcpUri(), online, gateway.secret(online));
             KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties(gateway.kafka()))) {
            send(producer, online, "{\"id\":\"cmd-deliver\",\"ts\":" + now + ",\"action\":\"stop_port\",\"port\":3,\"reason\":\"alert a-17\",\"alertId\":\"a-17\"}");
            send(producer, offline, "{\"id\":\"cmd-offline\",\"ts\":" + now + ",\"action\":\"stop_port\",\"port\":1,\"reason\":\"alert a-18\"}");
            send(producer, online, "{\"id\":\"cmd-expired\",\"ts\":" + (now - 3_600_000) + ",\"action\":\"stop_port\",\"port\":5,"
                    + "\"reason\":\"alert a-19\",\"ttlMs\":60000}");
            send(producer, "no-such-device", "{\"id\":\"cmd-unknown\",\"ts\":" + now + ",\"action\":\"reboot\",\"reason\":\"test\"}");

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                List<Envelopes.Keyed> results = Envelopes.read(gateway.kafka(), Topics.COMMAND_RESULTS);
                return delivery(results, "cmd-deliver").isPresent() && delivery(results, "cmd-offline").isPresent()
                        && delivery(results, "cmd-expired").isPresent() && delivery(results, "cmd-unknown").isPresent()
                        && reply(results, "cmd-deliver").isPresent();
            });
            List<Envelopes.Keyed> results = Envelopes.read(gateway.kafka(), Topics.COMMAND_RESULTS);

            JsonNode delivered = delivery(results, "cmd-deliver").orElseThrow();
            assertThat(delivered.path("outcome").asText()).isEqualTo("delivered");
            assertThat(delivered.path("alertId").asText()).as("names the alert the command was for").isEqualTo("a-17");
            assertThat(delivered.path("deviceId").asText()).isEqualTo(online);
            assertThat(delivered.path("gateway").asText()).isEqualTo(GatewayFixture.NODE_ID);
            assertThat(delivered.path("at").asLong()).isGreaterThanOrEqualTo(now);

            Envelopes.Keyed reply = results.stream()
                    .filter(r -> "command/reply".equals(r.value().path("channel").asText())).findFirst().orElseThrow();
            assertThat(reply.key()).isEqualTo(online);
            assertThat(reply.value().path("deviceId").asText()).isEqualTo(online);
            assertThat(reply.value().path("type").asText()).isEqualTo("charger");
            assertThat(reply.value().path("gateway").asText()).isEqualTo(GatewayFixture.NODE_ID);
            assertThat(reply.value().path("seq").asLong()).isEqualTo(1);
            assertThat(reply.value().path("payload").path("id").asText()).isEqualTo("cmd-deliver");
            assertThat(reply.value().path("payload").path("result").asText()).isEqualTo("ok");

            assertThat(replyToAnotherDevicesCommand(stranger, "cmd-deliver", now)).as("PUBACK: payload format invalid")
                    .isEqualTo(0x99);
            assertThat(Envelopes.read(gateway.kafka(), Topics.QUARANTINE)).singleElement().satisfies(q -> {
                assertThat(q.key()).isEqualTo(stranger);
                assertThat(q.value().path("channel").asText()).isEqualTo("command/reply");
                // The node started moments ago: it cannot rule out having sent the id before a restart, and says so.
                assertThat(q.value().path("reason").asText())
                        .startsWith("reply_unverifiable: id 'cmd-deliver' is unknown to this gateway node");
            });
            assertThat(Envelopes.read(gateway.kafka(), Topics.COMMAND_RESULTS).stream()
                    .filter(r -> "command/reply".equals(r.value().path("channel").asText())).map(Envelopes.Keyed::key))
                    .as("only the charger the command was for replied to it").containsExactly(online);

            assertThat(delivery(results, "cmd-offline").orElseThrow().path("outcome").asText()).isEqualTo("held");
            assertThat(delivery(results, "cmd-expired").orElseThrow().path("outcome").asText()).isEqualTo("expired");
            assertThat(delivery(results, "cmd-unknown").orElseThrow().path("outcome").asText()).isEqualTo("unknown_device");

            assertThat(charger.commands()).as("only the live command reaches the device, as sent")
                    .singleElement().satisfies(c -> {
                        assertThat(c.path("id").asText()).isEqualTo("cmd-deliver");
                        assertThat(c.path("action").asText()).isEqualTo("stop_port");
                        assertThat(c.path("port").asInt()).isEqualTo(3);
                        assertThat(c.path("reason").asText()).isEqualTo("alert a-17");
                    });

            try (SimulatedCharger back = new SimulatedCharger(gateway.tcpUri(), offline, gateway.secret(offline))) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> outcomes(Envelopes.read(gateway.kafka(), Topics.COMMAND_RESULTS), "cmd-offline")
                                .contains("delivered") && !back.commands().isEmpty());
                assertThat(outcomes(Envelopes.read(gateway.kafka(), Topics.COMMAND_RESULTS), "cmd-offline"))
                        .containsExactly("held", "delivered");
                assertThat(back.commands()).as("the held command reaches the charger once it is back")
                        .singleElement().satisfies(c -> assertThat(c.path("id").asText()).isEqualTo("cmd-offline"));
            }
        }
    }

    /** {@code deviceId} answers {@code commandId}, which was not sent to it; returns the PUBACK reason. */
    private int replyToAnotherDevicesCommand(String deviceId, String commandId, long now) throws Exception {
        MqttAsyncClient device = new MqttAsyncClient(gateway.tcpUri(), deviceId, new MemoryPersistence());
        try {
            device.connect(DeviceClients.v5(deviceId, gateway.secret(deviceId))).waitForCompletion(DeviceClients.WAIT_MS);
            String reply = "{\"id\":\"" + commandId + "\",\"ts\":" + now + ",\"result\":\"failed\"}";
            int reason = DeviceClients.reasonCode(device.publish(MqttTopics.commandReply(DeviceType.CHARGER, deviceId),
                    new MqttMessage(DeviceClients.bytes(reply), 1, false, null)));
            device.disconnect().waitForCompletion(DeviceClients.WAIT_MS);
            return reason;
        } finally {
            device.close(true);
        }
    }

    private static List<String> outcomes(List<Envelopes.Keyed> results, String commandId) {
        return results.stream().map(Envelopes.Keyed::value)
                .filter(v -> "delivery".equals(v.path("kind").asText()) && commandId.equals(v.path("commandId").asText()))
                .map(v -> v.path("outcome").asText()).toList();
    }

    private static Map<String, Object> producerProperties(KafkaConnection kafka) {
        Map<String, Object> p = kafka.clientProperties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return p;
    }

    private static void send(KafkaProducer<String, String> producer, String key, String json) throws Exception {
        producer.send(new ProducerRecord<>(Topics.COMMANDS, key, json)).get(30, TimeUnit.SECONDS);
    }

    private static Optional<JsonNode> delivery(List<Envelopes.Keyed> results, String commandId) {
        return results.stream().map(Envelopes.Keyed::value)
                .filter(v -> "delivery".equals(v.path("kind").asText()) && commandId.equals(v.path("commandId").asText()))
                .findFirst();
    }

    private static Optional<JsonNode> reply(List<Envelopes.Keyed> results, String commandId) {
        return results.stream().map(Envelopes.Keyed::value)
                .filter(v -> "command/reply".equals(v.path("channel").asText()) && commandId.equals(v.path("payload").path("id").asText()))
                .findFirst();
    }
}
