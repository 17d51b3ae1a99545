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
import io.micrometer.core.instrument.MeterRegistry;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(CommandRelayIT.class);

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
            // The node's receive clock, as a simulated district a day behind sets it: reports tell that time beside at.
            long behind = Duration.ofDays(1).toMillis();
            try (CommandRelay relay = new CommandRelay(settings, devices, new SimpleMeterRegistry(), config(dir).commandsHoldLimits(),
                    awaited, Clock.systemUTC(), () -> System.currentTimeMillis() - behind)) {
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
            assertThat(delivered.path("receivedAt").asLong()).as("on the receive clock, the envelopes' receivedAt")
                    .isBetween(now - behind, delivered.path("at").asLong() - behind);
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
            try (CommandRelay first = relay(settings, devices, new SimpleMeterRegistry())) {
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
            try (CommandRelay second = relay(settings, devices, new SimpleMeterRegistry())) {
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

    /**
     * Stands in for the MQTT side with every device connected: the first command to {@code stuck} is acknowledged only
     * when the test says so (a charger that does not PUBACK until the MQTT delivery timeout), all else at once.
     */
    static final class StuckDevice implements CommandDelivery {
        final String stuck;
        final CompletableFuture<DeliveryOutcome> stuckOutcome = new CompletableFuture<>();
        final List<String> received = new CopyOnWriteArrayList<>();

        StuckDevice(String stuck) {
            this.stuck = stuck;
        }

        @Override
        public CompletionStage<DeliveryOutcome> deliver(String deviceId, byte[] commandJson) {
            String id = tree(new String(commandJson, StandardCharsets.UTF_8)).path("id").asText();
            received.add(deviceId + " " + id);
            boolean first = received.stream().filter(r -> r.startsWith(stuck + " ")).count() == 1;
            return deviceId.equals(stuck) && first ? stuckOutcome : CompletableFuture.completedFuture(DeliveryOutcome.DELIVERED);
        }
    }

    @Test
    void aDeviceThatDoesNotAcknowledgeHoldsUpNoOtherDevice_andItsCommandIsNotCommittedUntilReported() throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir, 0).start()) {
            DownstreamSettings settings = config(dir).downstream(kafka.bootstrapServers());
            KafkaTopics.ensure(settings);
            String bootstrap = kafka.bootstrapServers();
            StuckDevice devices = new StuckDevice("charger-stuck");
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            try (CommandRelay relay = relay(settings, devices, meters)) {
                relay.start();
                // All on partition 0, so that the quick charger's commands come after the stuck one's in the log.
                sendToPartition0(bootstrap, "charger-quick", stop("q-0"), "charger-stuck", stop("s-1"));
                await().atMost(Duration.ofSeconds(30)).until(() -> devices.received.contains("charger-stuck s-1")
                        && "delivered".equals(outcome(readReports(bootstrap), "q-0")));

                long sent = System.currentTimeMillis();
                sendToPartition0(bootstrap, "charger-quick", stop("q-1"), "charger-quick", stop("q-2"), "charger-quick", stop("q-3"));
                await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)).until(() -> {
                    Map<String, JsonNode> r = readReports(bootstrap);
                    return "delivered".equals(outcome(r, "q-1")) && "delivered".equals(outcome(r, "q-2"))
                            && "delivered".equals(outcome(r, "q-3"));
                });
                LOG.info("3 commands for a quick charger delivered and reported within {} ms of being sent, with another charger stuck",
                        readReports(bootstrap).get("q-3").path("at").asLong() - sent);
                assertThat(outcome(readReports(bootstrap), "s-1")).as("the stuck charger's command is not settled").isNull();

                await().atMost(Duration.ofSeconds(5)).until(() -> meters.get("anju.gateway.commands.inflight").gauge().value() == 1.0);
                // Committed: the quick charger's first command, before the stuck one; never past the stuck one.
                await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2))
                        .until(() -> committed(bootstrap) == 1);

                devices.stuckOutcome.complete(DeliveryOutcome.TIMEOUT);
                await().atMost(Duration.ofSeconds(5)).until(() -> "timeout".equals(outcome(readReports(bootstrap), "s-1")));
                await().atMost(Duration.ofSeconds(5)).until(() -> committed(bootstrap) == 5);
            }
            List<String> reportOrder = TopicReader.readAll(bootstrap, Topics.COMMAND_RESULTS).stream()
                    .map(r -> tree(r.value()).path("commandId").asText()).toList();
            assertThat(reportOrder).as("the stuck charger's timeout is reported after the quick charger's deliveries")
                    .containsExactly("q-0", "q-1", "q-2", "q-3", "s-1");
            assertThat(devices.received).as("each command delivered once, a device's in order")
                    .containsExactly("charger-quick q-0", "charger-stuck s-1", "charger-quick q-1", "charger-quick q-2",
                            "charger-quick q-3");
        }
    }

    @Test
    void aStuckDeviceStopsTheRelayReadingOnlyBeyondTheInFlightBound() throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir, 0).start()) {
            DownstreamSettings settings = config(dir).downstream(kafka.bootstrapServers());
            KafkaTopics.ensure(settings);
            String bootstrap = kafka.bootstrapServers();
            List<String> commands = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                commands.addAll(List.of("charger-stuck", stop("s-" + i)));
            }
            commands.addAll(List.of("charger-quick", stop("q-after")));
            sendToPartition0(bootstrap, commands.toArray(String[]::new));
            StuckDevice devices = new StuckDevice("charger-stuck");
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            try (CommandRelay relay = new CommandRelay(settings, devices, meters, config(dir).commandsHoldLimits(),
                    awaitedReplies(dir), Clock.systemUTC(), 20)) {
                relay.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> devices.received.contains("charger-stuck s-0"));
                await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> {
                    double inFlight = meters.get("anju.gateway.commands.inflight").gauge().value();
                    return inFlight > 0 && inFlight <= 20 && !devices.received.contains("charger-quick q-after");
                });

                devices.stuckOutcome.complete(DeliveryOutcome.DELIVERED);
                await().atMost(Duration.ofSeconds(10)).until(() -> committed(bootstrap) == 31);
                assertThat(readReports(bootstrap)).as("every command reported once the stuck charger answered").hasSize(31);
                assertThat(meters.get("anju.gateway.commands.inflight").gauge().value()).isZero();
            }
        }
    }

    @Test
    void aReportKafkaRefusesIsWrittenAgainWhenKafkaIsBack_andNoDeliveryWaitsForIt() throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("broker"), 0).start()) {
            DownstreamSettings settings = GatewayConfig.of(Map.of("node.id", "gw-cmd", "snapshot.dir", dir.resolve("s").toString(),
                    "kafka.deliveryTimeoutMs", "1500")).downstream(kafka.bootstrapServers());
            KafkaTopics.ensure(settings);
            String bootstrap = kafka.bootstrapServers();
            StuckDevice devices = new StuckDevice("charger-stuck");
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            try (CommandRelay relay = relay(settings, devices, meters)) {
                relay.start();
                sendToPartition0(bootstrap, "charger-quick", stop("q-0"), "charger-stuck", stop("s-1"),
                        "charger-stuck", stop("s-2"));
                await().atMost(Duration.ofSeconds(30)).until(() -> devices.received.contains("charger-stuck s-1")
                        && "delivered".equals(outcome(readReports(bootstrap), "q-0")));

                kafka.stop();
                devices.stuckOutcome.complete(DeliveryOutcome.DELIVERED);
                assertThat(devices.received).as("the next command goes out while the report of the one before cannot")
                        .contains("charger-stuck s-2");
                await().atMost(Duration.ofSeconds(10)).until(
                        () -> meters.get("anju.gateway.commands.reports.retrying").gauge().value() == 2.0);
                kafka.start();

                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    Map<String, JsonNode> r = readReports(bootstrap);
                    return "delivered".equals(outcome(r, "s-1")) && "delivered".equals(outcome(r, "s-2"));
                });
                await().atMost(Duration.ofSeconds(10)).until(() -> committed(bootstrap) == 3);
                assertThat(meters.get("anju.gateway.commands.reports.retrying").gauge().value()).isZero();
            }
            assertThat(devices.received).as("the command is not read and delivered again")
                    .containsExactly("charger-quick q-0", "charger-stuck s-1", "charger-stuck s-2");
        }
    }

    private static String stop(String id) {
        return "{\"id\":\"" + id + "\",\"ts\":" + System.currentTimeMillis() + ",\"action\":\"stop_port\",\"port\":1}";
    }

    /** Sends key, json, key, json … to partition 0 of anju.commands, in this order. */
    private static void sendToPartition0(String bootstrap, String... keysAndJson) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (int i = 0; i < keysAndJson.length; i += 2) {
                producer.send(new ProducerRecord<>(Topics.COMMANDS, 0, keysAndJson[i], keysAndJson[i + 1]));
            }
            producer.flush();
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

    /** A relay of the test's node with the default hold limits, on the wall clock. */
    private CommandRelay relay(DownstreamSettings settings, CommandDelivery devices, MeterRegistry meters) {
        return new CommandRelay(settings, devices, meters, config(dir).commandsHoldLimits(), awaitedReplies(dir),
                Clock.systemUTC());
    }

}
