package io.anju.gateway.downlink;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;
import io.anju.common.topic.Topics;
import io.anju.gateway.config.GatewayConfig;
import io.anju.gateway.kafka.DownstreamSettings;
import io.anju.gateway.kafka.KafkaTopics;
import io.anju.gateway.testing.TopicReader;
import io.anju.gateway.validate.AwaitedReplies;
import io.anju.gateway.validate.Validation;
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
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CommandRelayIT {

    /** The gateway's defaults, as node gw-cmd with its snapshots under {@code dir}. */
    private static GatewayConfig config(Path dir) {
        return GatewayConfig.of(Map.of("node.id", "gw-cmd", "snapshot.dir", dir.resolve("s").toString()));
    }

    /** The replies the relay awaits, at the gateway's defaults. */
    private static AwaitedReplies awaitedReplies(Path dir) {
        return new AwaitedReplies(config(dir).commandsReplyWindow(), config(dir).commandsMaxAwaitingReply(),
                System::currentTimeMillis);
    }

    /** Whether {@code awaited} passes on {@code deviceId}'s reply to {@code commandId}. */
    private static boolean passesReply(AwaitedReplies awaited, String deviceId, String commandId) {
        return awaited.check(deviceId, new Validation.Valid(tree("{\"id\":\"" + commandId + "\",\"result\":\"ok\"}")))
                .isValid();
    }

    @TempDir
    Path dir;

    /** Stands in for the MQTT side: the connected devices acknowledge, the rest are offline. */
    static final class ConnectedDevices implements CommandDelivery {
        final Set<String> connected = ConcurrentHashMap.newKeySet();
        final List<String> received = new CopyOnWriteArrayList<>();

        ConnectedDevices(Set<String> connected) {
            this.connected.addAll(connected);
        }

        @Override
        public boolean ready(String deviceId) {
            return connected.contains(deviceId);
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
    void commandsAreDeliveredOrReported_andAnOfflineDevicesCommandIsHeldUntilItIsBack() throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir, 0).start()) {
            DownstreamSettings settings = config(dir).downstream(kafka.bootstrapServers());
            KafkaTopics.ensure(settings);
            long now = System.currentTimeMillis();
            Map<String, String> commands = new HashMap<>();
            commands.put("c-delivered", "{\"id\":\"c-delivered\",\"ts\":" + now + ",\"action\":\"stop_port\",\"port\":3,\"alertId\":\"al-7\"}");
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
            AwaitedReplies awaited = awaitedReplies(dir);
            try (CommandRelay relay = new CommandRelay(settings, devices, new SimpleMeterRegistry(), config(dir).commandsHoldLimits(),
                    awaited, Clock.systemUTC())) {
                relay.start();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
                    reports.clear();
                    for (var r : TopicReader.readAll(kafka.bootstrapServers(), Topics.COMMAND_RESULTS)) {
                        JsonNode report = Json.mapper().readTree(r.value());
                        reports.put(report.path("commandId").asText("none"), report);
                    }
                    return reports.size() == 5;
                });
                assertThat(outcome(reports, "c-offline")).isEqualTo("held");
                assertThat(reports.get("c-offline").path("detail").asText()).startsWith("device offline; held until ");
                assertThat(committed(kafka.bootstrapServers())).as("never committed past the held command").isLessThan(5);
                assertThat(passesReply(awaited, "charger-on", "c-delivered")).as("a reply to a delivered command").isTrue();
                assertThat(passesReply(awaited, "charger-off", "c-offline")).as("held here, maybe delivered by another node")
                        .isTrue();
                assertThat(passesReply(awaited, "gate-on", "c-delivered")).as("another device's command").isFalse();
                assertThat(passesReply(awaited, "charger-on", "c-expired")).as("an expired command, never sent").isFalse();

                devices.connected.add("charger-off");
                relay.deviceReady("charger-off");
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                        .until(() -> "delivered".equals(outcome(readReports(kafka.bootstrapServers()), "c-offline")));
                await().atMost(Duration.ofSeconds(10)).until(() -> committed(kafka.bootstrapServers()) == 5);
            }

            assertThat(outcome(reports, "c-delivered")).isEqualTo("delivered");
            assertThat(outcome(reports, "c-expired")).isEqualTo("expired");
            assertThat(outcome(reports, "c-own-ttl")).isEqualTo("expired");
            assertThat(outcome(reports, "none")).isEqualTo("invalid");
            assertThat(reports.get("none").path("detail").asText()).isEqualTo("not_json");
            JsonNode delivered = reports.get("c-delivered");
            assertThat(delivered.path("kind").asText()).isEqualTo("delivery");
            assertThat(delivered.path("alertId").asText()).as("echoes the command's alert").isEqualTo("al-7");
            assertThat(delivered.path("action").asText()).isEqualTo("stop_port");
            assertThat(reports.get("c-offline").has("alertId")).as("omitted when the command named none").isFalse();
            assertThat(delivered.path("deviceId").asText()).isEqualTo("charger-on");
            assertThat(delivered.path("gateway").asText()).isEqualTo("gw-cmd");
            assertThat(delivered.path("at").asLong()).isGreaterThanOrEqualTo(now);
            assertThat(devices.received).as("expired commands are not delivered; the held one is, once back")
                    .containsExactly("charger-on " + commands.get("c-delivered"), "charger-off " + commands.get("c-offline"));
        }
    }

    @Test
    void heldCommandsSurviveARestartOfTheRelay_andGoInOrderWhenTheDeviceIsBack() throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir, 0).start()) {
            DownstreamSettings settings = config(dir).downstream(kafka.bootstrapServers());
            KafkaTopics.ensure(settings);
            long now = System.currentTimeMillis();
            String stop = "{\"id\":\"c-stop\",\"ts\":" + now + ",\"action\":\"stop_port\",\"port\":2}";
            String resume = "{\"id\":\"c-resume\",\"ts\":" + now + ",\"action\":\"resume_port\",\"port\":2}";
            String brief = "{\"id\":\"c-brief\",\"ts\":" + now + ",\"ttlMs\":15000,\"action\":\"open_gate\"}";
            ConnectedDevices devices = new ConnectedDevices(Set.of());
            try (CommandRelay first = new CommandRelay(settings, devices, new SimpleMeterRegistry(), config(dir).commandsHoldLimits(),
                    awaitedReplies(dir), Clock.systemUTC())) {
                first.start();
                send(kafka.bootstrapServers(), "charger-away", stop);
                send(kafka.bootstrapServers(), "charger-away", resume);
                send(kafka.bootstrapServers(), "gate-away", brief);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
                    Map<String, JsonNode> r = readReports(kafka.bootstrapServers());
                    return "held".equals(outcome(r, "c-stop")) && "held".equals(outcome(r, "c-resume"))
                            && "expired".equals(outcome(r, "c-brief"));
                });
                assertThat(TopicReader.readAll(kafka.bootstrapServers(), Topics.COMMAND_RESULTS).stream()
                        .map(r -> tree(r.value())).filter(r -> r.path("commandId").asText().equals("c-brief"))
                        .map(r -> r.path("outcome").asText()))
                        .as("held while the gate was away, then expired by its own 15 s TTL").containsExactly("held", "expired");
                assertThat(readReports(kafka.bootstrapServers()).get("c-brief").path("detail").asText())
                        .isEqualTo("held while the device was offline");
            }

            devices.connected.add("charger-away");
            try (CommandRelay second = new CommandRelay(settings, devices, new SimpleMeterRegistry(), config(dir).commandsHoldLimits(),
                    awaitedReplies(dir), Clock.systemUTC())) {
                second.start();
                second.deviceReady("charger-away");
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
                    Map<String, JsonNode> r = readReports(kafka.bootstrapServers());
                    return "delivered".equals(outcome(r, "c-stop")) && "delivered".equals(outcome(r, "c-resume"));
                });
                await().atMost(Duration.ofSeconds(10)).until(() -> committed(kafka.bootstrapServers()) == 3);
            }
            assertThat(devices.received).as("the restarted relay read the held commands again and kept their order")
                    .containsExactly("charger-away " + stop, "charger-away " + resume);
        }
    }

    private static void send(String bootstrap, String key, String json) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.COMMANDS, key, json)).get();
        }
    }

    private static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The newest report per command id. */
    private static Map<String, JsonNode> readReports(String bootstrap) throws Exception {
        Map<String, JsonNode> reports = new HashMap<>();
        for (var r : TopicReader.readAll(bootstrap, Topics.COMMAND_RESULTS)) {
            JsonNode report = Json.mapper().readTree(r.value());
            reports.put(report.path("commandId").asText("none"), report);
        }
        return reports;
    }

    private static String outcome(Map<String, JsonNode> reports, String id) {
        JsonNode r = reports.get(id);
        return r == null ? null : r.path("outcome").asText();
    }

    private static long committed(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(CommandRelay.groupId("gw-cmd"))
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
    }
}
