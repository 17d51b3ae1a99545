package io.anju.dashboards.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.Severity;
import io.anju.common.json.Json;
import io.anju.common.model.Channel;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.common.snapshot.SnapshotFiles;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.TopicAdmin;
import io.anju.common.topic.Topics;
import io.anju.dashboards.session.SessionGuard;
import io.anju.dashboards.session.SessionStore;
import io.anju.dashboards.session.Viewer;
import io.anju.kafka.EmbeddedKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.anju.dashboards.live.LiveFixtures.*;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live part between a real broker and real HTTP: records written as the gateway and the alerting job write them
 * come out of the routes and the event stream, each viewer seeing only their scope. Every test uses places of its
 * own, so the tests share one broker and one hub.
 */
class LiveHubIT {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;
    static ServedHub served;
    static LiveHub hub;
    static KafkaProducer<byte[], byte[]> producer;
    static KafkaProducer<byte[], byte[]> alertProducer;
    static HttpClient http = HttpClient.newHttpClient();
    static Path blobs;
    static Device chargerA;
    static Device chargerB;
    /** Session ids by viewer name: the dashboards' real session guard finds them from the cookie. */
    static Map<String, String> sessions;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
        TopicAdmin.ensure(KafkaConnection.plain(kafka.bootstrapServers()), "kafka.bootstrap", List.of(LiveIntake.CROWD, LiveIntake.CHARGER,
                Topics.STATUS, Topics.ALERTS, Topics.COMMANDS, Topics.COMMAND_RESULTS, Topics.SNAPSHOTS), 2, (short) 1);
        blobs = Files.createDirectories(dir.resolve("snapshots"));
        chargerA = chargersOfTwoCompounds().get(0);
        chargerB = chargersOfTwoCompounds().get(1);
        SessionStore store = new SessionStore(Clock.systemUTC(), 100);
        Instant expires = Instant.now().plus(Duration.ofHours(1));
        Viewer managerOfA = viewer("pm-a", Viewer.PROPERTY_MANAGER, chargerA.location().compoundId());
        Viewer managerOfB = viewer("pm-b", Viewer.PROPERTY_MANAGER, chargerB.location().compoundId());
        Viewer emergency = viewer("em", Viewer.EMERGENCY_MANAGER, crowdCounter(0).location().subDistrictId());
        sessions = Map.of("pm-a", store.open(managerOfA, expires).id(), "pm-b", store.open(managerOfB, expires).id(),
                "em", store.open(emergency, expires).id());
        producer = producer(kafka.bootstrapServers(), Map.of());
        // The alerting job writes in transactions; the hub reads read_committed.
        alertProducer = producer(kafka.bootstrapServers(),
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "live-hub-it-alerts"));
        alertProducer.initTransactions();

        served = ServedHub.start(() -> REGISTRY, store, LiveSettings.defaults(kafka.bootstrapServers(), blobs));
        hub = served.hub();
        await().atMost(PATIENCE).until(hub::assigned);
    }

    @AfterAll
    static void stop() throws Exception {
        if (served != null) {
            served.close();
        }
        if (producer != null) {
            producer.close();
            alertProducer.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void telemetryBecomesTheLiveStateOfZonesAndStations() throws Exception {
        Device counter = crowdCounter(0);
        CrowdZone zone = zoneOf(counter);
        long now = System.currentTimeMillis();
        send(LiveIntake.CROWD, counter.id(), crowd(counter, now, 412, 37, 29));
        send(LiveIntake.CHARGER, chargerA.id(), charger(chargerA, now, 199.3, 38.5));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(zoneIn(get("em", "/api/crowd/zones").body(), zone.id())
                .path("occupancy").asInt()).isEqualTo(412));
        JsonNode z = zoneIn(get("em", "/api/crowd/zones").body(), zone.id());
        assertThat(z.path("inPerMin").asDouble()).isEqualTo(222.0);
        assertThat(z.path("level").asText()).isEqualTo("none");
        assertThat(z.path("stale").isBoolean()).as("the page reads the stale flag: %s", z).isTrue();
        assertThat(z.path("stale").asBoolean()).as("just heard").isFalse();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(stationIn(
                get("pm-a", "/api/chargers?compound=" + chargerA.location().compoundId()).body(), chargerA.id())
                .path("online").asBoolean()).isTrue());
        JsonNode port1 = stationIn(get("pm-a", "/api/chargers?compound=" + chargerA.location().compoundId()).body(),
                chargerA.id()).path("ports").get(0);
        assertThat(port1.path("state").asText()).isEqualTo("charging");
        assertThat(port1.path("powerW").asDouble()).isEqualTo(199.3);
        assertThat(port1.path("tempC").asDouble()).isEqualTo(38.5);
        assertThat(hub.health()).containsEntry("kafka", true);
    }

    @Test
    void aPropertyManagerSeesNeitherAnotherCompoundNorTheCrowd() throws Exception {
        assertThat(get("pm-a", "/api/chargers?compound=" + chargerB.location().compoundId()).statusCode())
                .isEqualTo(403);
        assertThat(tree(get("pm-a", "/api/chargers").body())).extracting(n -> n.path("compoundId").asText())
                .containsOnly(chargerA.location().compoundId()).isNotEmpty();
        assertThat(tree(get("pm-a", "/api/crowd/zones").body())).isEmpty();
        assertThat(get(null, "/api/crowd/zones").statusCode()).isEqualTo(401);
        assertThat(get("pm-a", "/api/alerts/active?kind=everything").statusCode()).isEqualTo(400);
    }

    @Test
    void openAlertsAreRebuiltFromCommittedRecordsAndAClearRemovesThem() throws Exception {
        long now = System.currentTimeMillis();
        Alert raised = withOverloadFacts(portAlert(chargerA, 2, Severity.RED, AlertStatus.RAISED, 1, now, now));
        sendAlert(raised);
        sendAlert(portAlert(chargerB, 2, Severity.RED, AlertStatus.RAISED, 1, now, now));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(tree(get("pm-a", "/api/alerts/active?kind=charger")
                .body())).extracting(n -> n.path("dedupKey").asText()).containsExactly(raised.dedupKey()));
        JsonNode texts = tree(get("pm-a", "/api/alerts/active?kind=charger").body()).get(0).path("texts");
        assertThat(texts.path("zh-CN").path("summary").asText()).as("rendered from its facts")
                .contains("2号端口过载", "功率 1132 W（限值 1000 W）");
        assertThat(texts.path("en").path("summary").asText()).contains("power 1132 W (limit 1000 W)");
        assertThat(tree(get("pm-b", "/api/alerts/active?kind=charger").body()))
                .extracting(n -> n.path("deviceId").asText()).containsExactly(chargerB.id());

        sendAlert(portAlert(chargerA, 2, Severity.RED, AlertStatus.CLEARED, 2, now, now + 60_000));
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(tree(get("pm-a", "/api/alerts/active?kind=charger").body())).isEmpty());
    }

    @Test
    void evidenceImagesAreServedFromTheBlobStoreWithinScope() throws Exception {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4, (byte) 0xFF, (byte) 0xD9};
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jpeg));
        Path file = SnapshotFiles.of(blobs, chargerA.type(), chargerA.id(), sha);
        Files.createDirectories(file.getParent());
        Files.write(file, jpeg);
        long now = System.currentTimeMillis();
        send(Topics.SNAPSHOTS, chargerA.id(), envelope(chargerA, Channel.SNAPSHOT, now, now, Json.mapper()
                .createObjectNode().put("snapshotId", "s-0001").put("sha256", sha).put("size", jpeg.length)
                .put("contentType", "image/jpeg")));
        String path = "/api/snapshots/" + chargerA.id() + "/s-0001";

        await().atMost(PATIENCE).until(() -> getBytes("pm-a", path).statusCode() == 200);
        HttpResponse<byte[]> image = getBytes("pm-a", path);
        assertThat(image.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(image.body()).isEqualTo(jpeg);
        assertThat(getBytes("pm-b", path).statusCode()).isEqualTo(403);
        assertThat(getBytes("pm-a", "/api/snapshots/" + chargerA.id() + "/s-9999").statusCode()).isEqualTo(404);

        // A reference whose image the gateway's retention has deleted: gone, and said so, rather than a failure.
        Files.delete(file);
        HttpResponse<String> gone = get("pm-a", path);
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(tree(gone.body()).path("error").asText()).isEqualTo("gone");
        assertThat(tree(gone.body()).path("message").asText()).isEqualTo("该抓拍图片已按保留期限删除");
        assertThat(tree(gone.body()).path("detail").asText()).contains("s-0001").contains("retention");
    }

    @Test
    void theEventStreamDeliversAZoneUpdateWithinASecondAndNothingOutOfScope() throws Exception {
        Device counter = crowdCounter(1);
        Device stationOfB = chargersOfTwoCompounds().get(1);
        try (SseClient em = SseClient.open("em"); SseClient managerOfA = SseClient.open("pm-a")) {
            // Out of the manager's scope first: another compound's station and a crowd zone.
            long now = System.currentTimeMillis();
            send(LiveIntake.CHARGER, stationOfB.id(), charger(stationOfB, now, 555, 40));
            long sent = send(LiveIntake.CROWD, counter.id(), crowd(counter, now, 77, 3, 1));

            SseEvent zone = em.next(LiveEvent.ZONE, Duration.ofSeconds(5));
            long latency = System.currentTimeMillis() - sent;
            assertThat(tree(zone.data()).path("zoneId").asText()).isEqualTo(zoneOf(counter).id());
            assertThat(tree(zone.data()).path("occupancy").asInt()).isEqualTo(77);
            assertThat(latency).isLessThan(1_000);

            await().atMost(PATIENCE).until(() -> hub.state().charger(stationOfB.id()).orElseThrow().online());
            Thread.sleep(2 * LiveStream.FLUSH_EVERY_MS);
            send(LiveIntake.CHARGER, chargerA.id(), charger(chargerA, System.currentTimeMillis(), 321, 33));
            SseEvent own = managerOfA.next(LiveEvent.CHARGER, Duration.ofSeconds(5));
            assertThat(tree(own.data()).path("deviceId").asText()).isEqualTo(chargerA.id());
            assertThat(managerOfA.skipped()).isEmpty();
        }
    }

    @Test
    void aBurstOfReadingsOfOneZoneIsFoldedIntoAtMostOneEventPerSecondEndingWithTheNewest() throws Exception {
        Device counter = crowdCounter(2);
        String zoneId = zoneOf(counter).id();
        try (SseClient em = SseClient.open("em")) {
            long ts = System.currentTimeMillis();
            for (int i = 0; i < 10; i++) {
                send(LiveIntake.CROWD, counter.id(), crowd(counter, ts + i, 100 + i, 0, 0));
            }
            List<JsonNode> updates = em.collect(Duration.ofMillis(2_500)).stream()
                    .filter(e -> e.name().equals(LiveEvent.ZONE)).map(e -> tree(e.data()))
                    .filter(z -> z.path("zoneId").asText().equals(zoneId)).toList();

            assertThat(updates).hasSizeBetween(1, 3);
            assertThat(updates.get(updates.size() - 1).path("occupancy").asInt()).isEqualTo(109);
        }
    }

    // ---- helpers

    private static long send(String topic, String key, Object envelope) throws Exception {
        return sendRaw(topic, key, Json.toString(envelope));
    }

    private static long sendRaw(String topic, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8))).get(10, SECONDS);
        return System.currentTimeMillis();
    }

    private static void sendAlert(Alert a) {
        alertProducer.beginTransaction();
        alertProducer.send(new ProducerRecord<>(Topics.ALERTS, a.dedupKey().getBytes(StandardCharsets.UTF_8),
                Json.toBytes(a)));
        alertProducer.commitTransaction();
    }

    private static HttpRequest.Builder request(String viewer, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(served.url(path)))
                .timeout(Duration.ofSeconds(20));
        return viewer == null ? b : b.header("Cookie", SessionGuard.COOKIE + "=" + sessions.get(viewer));
    }

    private static HttpResponse<String> get(String viewer, String path) throws Exception {
        return http.send(request(viewer, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> getBytes(String viewer, String path) throws Exception {
        return http.send(request(viewer, path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode zoneIn(String json, String zoneId) {
        for (JsonNode z : tree(json)) {
            if (z.path("zoneId").asText().equals(zoneId)) {
                return z;
            }
        }
        throw new AssertionError("zone " + zoneId + " not in " + json);
    }

    record SseEvent(String name, String data) {
    }

    /** Reads {@code /api/live} as a viewer, collecting the events. */
    static final class SseClient implements AutoCloseable {
        private final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
        private final List<SseEvent> skipped = new ArrayList<>();
        private final Stream<String> lines;
        private final Thread reader;

        private SseClient(Stream<String> lines) {
            this.lines = lines;
            this.reader = new Thread(this::read, "sse-client");
            this.reader.setDaemon(true);
            this.reader.start();
        }

        static SseClient open(String viewer) throws Exception {
            HttpResponse<Stream<String>> r = http.send(request(viewer, "/api/live").timeout(Duration.ofMinutes(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofLines());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("text/event-stream"));
            return new SseClient(r.body());
        }

        private void read() {
            String[] name = {null};
            try {
                lines.forEach(line -> {
                    if (line.startsWith("event: ")) {
                        name[0] = line.substring(7);
                    } else if (line.startsWith("data: ") && name[0] != null) {
                        events.add(new SseEvent(name[0], line.substring(6)));
                        name[0] = null;
                    }
                });
            } catch (RuntimeException e) {
                // closed by the test
            }
        }

        /** The next event of that name; other events seen on the way are kept in {@link #skipped()}. */
        SseEvent next(String name, Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline) {
                SseEvent e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (e != null && e.name().equals(name)) {
                    return e;
                }
                if (e != null) {
                    skipped.add(e);
                }
            }
            throw new AssertionError("no " + name + " event within " + within + "; saw " + skipped);
        }

        /** Every event arriving within {@code time}. */
        List<SseEvent> collect(Duration time) throws InterruptedException {
            List<SseEvent> all = new ArrayList<>();
            long deadline = System.nanoTime() + time.toNanos();
            for (long left = time.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                SseEvent e = events.poll(left, TimeUnit.NANOSECONDS);
                if (e != null) {
                    all.add(e);
                }
            }
            return all;
        }

        List<SseEvent> skipped() {
            return skipped;
        }

        @Override
        public void close() {
            lines.close();
        }
    }
}
