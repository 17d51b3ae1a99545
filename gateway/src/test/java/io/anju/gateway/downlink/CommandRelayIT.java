package io.anju.gateway.downlink;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;
import io.anju.common.topic.Topics;
import io.anju.gateway.kafka.DownstreamSettings;
import io.anju.gateway.kafka.KafkaTopics;
import io.anju.gateway.testkit.TopicReader;
import io.anju.kafka.EmbeddedKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CommandRelayIT {
    @TempDir
    Path dir;

    /** Stands in for the MQTT side: one device is connected and acknowledges, the rest are offline. */
    static final class ConnectedDevices implements CommandDelivery {
        final Set<String> connected;
        final List<String> received = new CopyOnWriteArrayList<>();

        ConnectedDevices(Set<String> connected) {
            this.connected = connected;
        }

        @Override
        public CompletionStage<DeliveryOutcome> deliver(String deviceId, byte[] commandJson) {
            if (!connected.contains(deviceId)) {
                return CompletableFuture.completedFuture(DeliveryOutcome.OFFLINE);
            }
            received.add(deviceId + " " + new String(commandJson, StandardCharsets.UTF_8));
            return CompletableFuture.supplyAsync(() -> DeliveryOutcome.DELIVERED,
                    CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void commandsAreDeliveredOrReportedAndOffsetsCommittedAfterTheReports() throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir, 0).start()) {
            DownstreamSettings settings = DownstreamSettings.defaults(kafka.bootstrapServers(), "gw-cmd").withSnapshotDir(dir.resolve("s"));
            KafkaTopics.ensure(settings);
            long now = System.currentTimeMillis();
            Map<String, String> commands = new HashMap<>();
            commands.put("c-delivered", "{\"id\":\"c-delivered\",\"ts\":" + now + ",\"action\":\"stop_port\",\"port\":3}");
            commands.put("c-offline", "{\"id\":\"c-offline\",\"ts\":" + now + ",\"action\":\"reboot\"}");
            commands.put("c-expired", "{\"id\":\"c-expired\",\"ts\":" + (now - 11 * 60_000) + ",\"action\":\"reboot\"}");
            commands.put("c-own-ttl", "{\"id\":\"c-own-ttl\",\"ts\":" + (now - 5_000) + ",\"ttlMs\":1000,\"action\":\"open_gate\"}");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                producer.send(new ProducerRecord<>(Topics.COMMANDS, "charger-on", commands.get("c-delivered"))).get();
                producer.send(new ProducerRecord<>(Topics.COMMANDS, "charger-off", commands.get("c-offline"))).get();
                producer.send(new ProducerRecord<>(Topics.COMMANDS, "charger-on", commands.get("c-expired"))).get();
                producer.send(new ProducerRecord<>(Topics.COMMANDS, "gate-on", commands.get("c-own-ttl"))).get();
                producer.send(new ProducerRecord<>(Topics.COMMANDS, "charger-on", "{not json")).get();
            }

            ConnectedDevices devices = new ConnectedDevices(Set.of("charger-on", "gate-on"));
            Map<String, JsonNode> reports = new HashMap<>();
            try (CommandRelay relay = new CommandRelay(settings, devices, new SimpleMeterRegistry())) {
                relay.start();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
                    reports.clear();
                    for (var r : TopicReader.readAll(kafka.bootstrapServers(), Topics.COMMAND_RESULTS)) {
                        JsonNode report = Json.mapper().readTree(r.value());
                        reports.put(report.path("commandId").asText("none"), report);
                    }
                    return reports.size() == 5;
                });
                await().atMost(Duration.ofSeconds(10)).until(() -> committed(kafka.bootstrapServers()) == 5);
            }

            assertThat(outcome(reports, "c-delivered")).isEqualTo("delivered");
            assertThat(outcome(reports, "c-offline")).isEqualTo("offline");
            assertThat(outcome(reports, "c-expired")).isEqualTo("expired");
            assertThat(outcome(reports, "c-own-ttl")).isEqualTo("expired");
            assertThat(outcome(reports, "none")).isEqualTo("invalid");
            assertThat(reports.get("none").path("detail").asText()).isEqualTo("not_json");
            JsonNode delivered = reports.get("c-delivered");
            assertThat(delivered.path("kind").asText()).isEqualTo("delivery");
            assertThat(delivered.path("deviceId").asText()).isEqualTo("charger-on");
            assertThat(delivered.path("gateway").asText()).isEqualTo("gw-cmd");
            assertThat(delivered.path("at").asLong()).isGreaterThanOrEqualTo(now);
            assertThat(devices.received).as("expired commands are not delivered")
                    .containsExactly("charger-on " + commands.get("c-delivered"));
        }
    }

    private static String outcome(Map<String, JsonNode> reports, String id) {
        return reports.get(id).path("outcome").asText();
    }

    private static long committed(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(CommandRelay.groupId("gw-cmd"))
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
    }
}
