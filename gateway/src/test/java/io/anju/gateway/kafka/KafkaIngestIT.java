package io.anju.gateway.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;
import io.anju.common.model.Channel;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.topic.Topics;
import io.anju.gateway.config.GatewayConfig;
import io.anju.gateway.ingest.InboundMessage;
import io.anju.gateway.ingest.IngestResult;
import io.anju.gateway.snapshot.FileBlobStore;
import io.anju.gateway.snapshot.SnapshotOwner;
import io.anju.gateway.testing.TestDevices;
import io.anju.gateway.testing.TopicReader;
import io.anju.gateway.validate.AwaitedReplies;
import io.anju.kafka.EmbeddedKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.anju.gateway.testing.TestDevices.crowdTelemetry;
import static io.anju.gateway.testing.TestDevices.json;
import static org.assertj.core.api.Assertions.assertThat;

class KafkaIngestIT {
    private static final long NOW = System.currentTimeMillis();

    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;
    static KafkaIngest ingest;
    static SimpleMeterRegistry meters = new SimpleMeterRegistry();
    static AwaitedReplies awaitedReplies = repliesAwaitedAtDefaults();

    /** The replies a gateway node awaits, at the default settings. */
    static AwaitedReplies repliesAwaitedAtDefaults() {
        GatewayConfig defaults = GatewayConfig.defaults();
        return new AwaitedReplies(defaults.commandsReplyWindow(), defaults.commandsMaxAwaitingReply(), System::currentTimeMillis);
    }

    @BeforeAll
    static void start() {
        kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
        DownstreamSettings settings = GatewayConfig.of(Map.of("node.id", "gw-it",
                "snapshot.dir", dir.resolve("snapshots").toString())).downstream(kafka.bootstrapServers());
        ingest = new KafkaIngest(settings, awaitedReplies, meters);
    }

    @AfterAll
    static void stop() {
        ingest.close();
        kafka.close();
    }

    private static IngestResult await(InboundMessage m) throws Exception {
        return ingest.accept(m).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void everyAcceptedMessageIsInKafkaAsAnEnvelopeKeyedByDevice() throws Exception {
        List<CompletableFuture<IngestResult>> results = new ArrayList<>();
        for (int d = 0; d < 5; d++) {
            Device device = TestDevices.device("crowd-it-" + d, DeviceType.CROWD);
            for (int seq = 0; seq < 100; seq++) {
                results.add(ingest.accept(json(device, Channel.TELEMETRY, crowdTelemetry(NOW, seq, seq * 2), NOW + 1)).toCompletableFuture());
            }
        }
        for (CompletableFuture<IngestResult> r : results) {
            assertThat(r.get(30, TimeUnit.SECONDS)).isEqualTo(IngestResult.ACCEPTED);
        }

        Set<String> seen = new HashSet<>();
        for (ConsumerRecord<String, String> r : TopicReader.readAll(kafka.bootstrapServers(), Topics.telemetry(DeviceType.CROWD))) {
            JsonNode e = Json.mapper().readTree(r.value());
            if (!e.path("deviceId").asText().startsWith("crowd-it-")) {
                continue;
            }
            assertThat(r.key()).isEqualTo(e.path("deviceId").asText());
            assertThat(e.path("type").asText()).isEqualTo("crowd");
            assertThat(e.path("channel").asText()).isEqualTo("telemetry");
            assertThat(e.path("ts").asLong()).isEqualTo(NOW);
            assertThat(e.path("receivedAt").asLong()).isEqualTo(NOW + 1);
            assertThat(e.path("gateway").asText()).isEqualTo("gw-it");
            assertThat(e.path("clockSkewed").asBoolean()).isFalse();
            assertThat(e.path("location").path("zoneId").asText()).isEqualTo("zone-03");
            assertThat(e.path("payload").path("count").asLong()).isEqualTo(e.path("seq").asLong() * 2);
            assertThat(seen.add(e.path("deviceId").asText() + "#" + e.path("seq").asLong())).as("duplicate").isTrue();
        }
        assertThat(seen).hasSize(500);
        assertThat(meters.get("anju.gateway.kafka.records").tag("topic", "anju.telemetry.crowd").tag("outcome", "acked").counter().count())
                .isGreaterThanOrEqualTo(500);
    }

    @Test
    void onOneBroker_theTopicsHaveOneReplica_andNoMinInSyncOfTheirOwn() throws Exception {
        String topic = Topics.telemetry(DeviceType.CHARGER);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(1));
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            ConfigEntry minInSync = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS)
                    .get(resource).get("min.insync.replicas");
            assertThat(minInSync.value()).isEqualTo("1");
            assertThat(minInSync.source()).isNotEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        }
    }

    @Test
    void eventsStatusAndRepliesGoToTheirTopicsAndSkewedClocksAreFlagged() throws Exception {
        Device charger = TestDevices.device("charger-it-1", DeviceType.CHARGER);
        long skewedTs = NOW - 10 * 60_000;
        assertThat(await(json(charger, Channel.EVENT, "{\"ts\":" + skewedTs + ",\"seq\":7,\"kind\":\"overtemp\",\"port\":3,\"vendor\":\"x\"}", NOW)))
                .isEqualTo(IngestResult.ACCEPTED);
        assertThat(await(json(charger, Channel.STATUS, "{\"ts\":" + NOW + ",\"seq\":8,\"state\":\"online\"}", NOW)))
                .isEqualTo(IngestResult.ACCEPTED);
        awaitedReplies.await("charger-it-1", "cmd-9");
        assertThat(await(json(charger, Channel.COMMAND_REPLY, "{\"id\":\"cmd-9\",\"ts\":" + NOW + ",\"result\":\"ok\"}", NOW)))
                .isEqualTo(IngestResult.ACCEPTED);

        JsonNode event = only(Topics.EVENTS, "charger-it-1");
        assertThat(event.path("clockSkewed").asBoolean()).isTrue();
        assertThat(event.path("payload").path("vendor").asText()).as("unknown fields kept").isEqualTo("x");
        assertThat(event.path("location").path("compoundId").asText()).isEqualTo("cp-0001");
        assertThat(only(Topics.STATUS, "charger-it-1").path("payload").path("state").asText()).isEqualTo("online");
        JsonNode reply = only(Topics.COMMAND_RESULTS, "charger-it-1");
        assertThat(reply.path("channel").asText()).isEqualTo("command/reply");
        assertThat(reply.path("payload").path("id").asText()).isEqualTo("cmd-9");
    }

    @Test
    void invalidPayloadIsQuarantinedWithItsReason() throws Exception {
        Device gate = TestDevices.device("gate-it-q", DeviceType.GATE);
        IngestResult result = await(json(gate, Channel.EVENT, "{\"ts\":1,\"seq\":1,\"kind\":\"jump\"}", NOW));
        assertThat(result).isEqualTo(new IngestResult.Quarantined("bad_value: kind 'jump'"));
        IngestResult notJson = await(json(gate, Channel.TELEMETRY, "not json at all", NOW));
        assertThat(notJson).isInstanceOf(IngestResult.Quarantined.class);

        List<JsonNode> quarantined = values(Topics.QUARANTINE, "gate-it-q");
        assertThat(quarantined).hasSize(2);
        JsonNode first = quarantined.get(0);
        assertThat(first.path("reason").asText()).isEqualTo("bad_value: kind 'jump'");
        assertThat(first.path("type").asText()).isEqualTo("gate");
        assertThat(first.path("channel").asText()).isEqualTo("event");
        assertThat(first.path("mqttTopic").asText()).isEqualTo("anju/v1/gate/gate-it-q/event");
        assertThat(first.path("gateway").asText()).isEqualTo("gw-it");
        assertThat(first.path("payloadText").asText()).isEqualTo("{\"ts\":1,\"seq\":1,\"kind\":\"jump\"}");
        assertThat(quarantined.get(1).path("reason").asText()).startsWith("not_json: ");
        assertThat(values(Topics.EVENTS, "gate-it-q")).isEmpty();
    }

    @Test
    void snapshotIsStoredAndOnlyAReferenceGoesToKafka() throws Exception {
        Device camera = TestDevices.device("camera-it-1", DeviceType.CAMERA);
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4, (byte) 0xFF, (byte) 0xD9};
        IngestResult result = await(new InboundMessage(camera, Channel.SNAPSHOT, "snap-001", jpeg, NOW, 1));
        assertThat(result).isEqualTo(IngestResult.ACCEPTED);

        JsonNode ref = only(Topics.SNAPSHOTS, "camera-it-1");
        assertThat(ref.path("channel").asText()).isEqualTo("snapshot");
        JsonNode payload = ref.path("payload");
        assertThat(payload.path("snapshotId").asText()).isEqualTo("snap-001");
        assertThat(payload.path("size").asInt()).isEqualTo(jpeg.length);
        assertThat(payload.path("contentType").asText()).isEqualTo("image/jpeg");
        FileBlobStore store = new FileBlobStore(dir.resolve("snapshots"));
        assertThat(store.get(SnapshotOwner.of(camera), payload.path("sha256").asText()))
                .hasValueSatisfying(b -> assertThat(b).isEqualTo(jpeg));

        IngestResult notJpeg = await(new InboundMessage(camera, Channel.SNAPSHOT, "snap-002", "GIF89a".getBytes(), NOW, 1));
        assertThat(notJpeg).isEqualTo(new IngestResult.Quarantined("not_jpeg: missing JPEG start marker FF D8 FF"));
        assertThat(values(Topics.QUARANTINE, "camera-it-1").get(0).path("payloadBase64").asText()).isEqualTo("R0lGODlh");
    }

    @Test
    void aSnapshotWhileTheDiskIsLowIsUnavailable_soNotAcknowledged_andNoReferenceIsWritten() throws Exception {
        Device camera = TestDevices.device("camera-it-low", DeviceType.CAMERA);
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 9, 9, (byte) 0xFF, (byte) 0xD9};
        FileBlobStore lowDisk = new FileBlobStore(dir.resolve("snapshots"), () -> false, (owner, bytes) -> { });
        try (KafkaIngest refusing = new KafkaIngest(ingest.settings(), lowDisk, awaitedReplies, new SimpleMeterRegistry())) {
            IngestResult result = refusing.accept(new InboundMessage(camera, Channel.SNAPSHOT, "snap-low", jpeg, NOW, 1))
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(result).isInstanceOf(IngestResult.Unavailable.class);
            assertThat(((IngestResult.Unavailable) result).reason()).contains("disk space is low");
        }
        assertThat(values(Topics.SNAPSHOTS, "camera-it-low")).isEmpty();
        assertThat(dir.resolve("snapshots").resolve("camera").resolve("camera-it-low")).doesNotExist();
    }

    private static JsonNode only(String topic, String deviceId) throws IOException {
        List<JsonNode> found = values(topic, deviceId);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static List<JsonNode> values(String topic, String deviceId) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        for (ConsumerRecord<String, String> r : TopicReader.readAll(kafka.bootstrapServers(), topic)) {
            if (deviceId.equals(r.key())) {
                found.add(Json.mapper().readTree(r.value()));
            }
        }
        return found;
    }
}
