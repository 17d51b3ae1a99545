package io.anju.dashboards.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;
import io.anju.common.model.Device;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryDocument;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.TopicAdmin;
import io.anju.common.topic.Topics;
import io.anju.common.twin.DeviceTwin;
import io.anju.dashboards.session.SessionGuard;
import io.anju.dashboards.session.SessionStore;
import io.anju.dashboards.session.Viewer;
import io.anju.kafka.EmbeddedKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static io.anju.dashboards.live.LiveFixtures.*;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A restarted dashboards service shows the stations at once (issue 14): the last known states on {@code anju.twin}
 * (a real broker), written before the service starts and with no telemetry at all, are on {@code GET /api/chargers}
 * right after the start, ports and times as the twins tell them; the twin of a device the registry does not hold is
 * not kept.
 */
class LiveTwinIT {
    private static final Logger LOG = LoggerFactory.getLogger(LiveTwinIT.class);
    /** The last known state is to show within this of the start. */
    private static final Duration AT_ONCE = Duration.ofSeconds(5);
    private static final String GONE = "chg-gone-0001";

    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;
    static ServedHub served;
    static String session;
    static final AtomicReference<Registry> registry = new AtomicReference<>(REGISTRY);
    static Device recent;
    static Device old;
    static long now;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
        KafkaConnection connection = KafkaConnection.plain(kafka.bootstrapServers());
        TopicAdmin.ensure(connection, "kafka.bootstrap", List.of(Topics.TWIN), 1, (short) 1,
                Map.of("cleanup.policy", "compact"));
        recent = chargersOfTwoCompounds().get(0);
        old = chargersOfTwoCompounds().get(1);
        now = System.currentTimeMillis();
        try (KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers(), Map.of())) {
            send(producer, recent.id(), LiveTwins.charger(recent, now - 60_000, "fault", 0.0)); // compacted away later
            send(producer, recent.id(), LiveTwins.charger(recent, now - 20_000, "charging", 640.0));
            DeviceTwin gone = LiveTwins.charger(recent, now - 10_000, "charging", 900.0);
            send(producer, GONE, new DeviceTwin(GONE, gone.type(), gone.updatedAt(), gone.lastSeenAt(),
                    gone.connection(), gone.status(), gone.telemetry(), gone.ports(), null, null));
            send(producer, old.id(), LiveTwins.charger(old, now - Duration.ofHours(2).toMillis(), "full", 0.0));
            producer.send(new ProducerRecord<>(Topics.TWIN, key(old.id()), null)).get(10, SECONDS); // a tombstone
        }

        SessionStore store = new SessionStore(Clock.systemUTC(), 10);
        session = SessionGuard.COOKIE + "=" + store.open(viewer("ops", Viewer.DISTRICT_OPERATOR, "*"),
                Instant.now().plus(Duration.ofHours(1))).id();
        long starting = System.nanoTime();
        served = ServedHub.start(registry::get, store,
                LiveSettings.defaults(kafka.bootstrapServers(), dir.resolve("blobs")));
        await().atMost(AT_ONCE).pollInterval(Duration.ofMillis(50))
                .until(() -> station(recent).path("updatedAt").isTextual());
        LOG.info("last known state shown {} ms after the live hub was created",
                Duration.ofNanos(System.nanoTime() - starting).toMillis());
    }

    @AfterAll
    static void stop() throws Exception {
        if (served != null) {
            served.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aStationHeardRecentlyShowsOnlineWithItsPortsAtTheTwinsTime() throws Exception {
        JsonNode s = station(recent);
        assertThat(s.path("online").asBoolean()).isTrue();
        assertThat(s.path("updatedAt").asText()).isEqualTo(Instant.ofEpochMilli(now - 20_000).toString());
        assertThat(s.path("ports").get(0).path("state").asText()).isEqualTo("charging");
        assertThat(s.path("ports").get(0).path("powerW").asDouble()).isEqualTo(640.0);
        assertThat(s.path("ports").get(1).path("state").asText()).isEqualTo("idle");
        assertThat(s.path("totalPowerW").asDouble()).isEqualTo(640.0);
    }

    @Test
    void aStationLastHeardHoursAgoShowsItsPortsAsOfThen_offline_andATombstoneRemovesNothing() throws Exception {
        await().atMost(AT_ONCE).until(() -> station(old).path("updatedAt").isTextual());
        JsonNode s = station(old);
        assertThat(s.path("online").asBoolean()).as("old, not fresh").isFalse();
        assertThat(s.path("updatedAt").asText()).isEqualTo(Instant.ofEpochMilli(now - Duration.ofHours(2).toMillis())
                .toString());
        assertThat(s.path("ports").get(0).path("state").asText()).isEqualTo("full");
    }

    @Test
    void theTwinOfADeviceTheRegistryDidNotHold_isNotKept_evenOnceTheRegistryAddsIt() throws Exception {
        // One partition, in order: once the next twin shows, the gone device's was read.
        await().atMost(AT_ONCE).until(() -> station(old).path("updatedAt").isTextual());
        RegistryDocument d = REGISTRY.document();
        List<Device> devices = new ArrayList<>(d.devices());
        devices.add(new Device(GONE, recent.type(), recent.location(), recent.secretHash(), true, recent.charger(),
                null, null));
        registry.set(new Registry(new RegistryDocument(d.version(), d.seed(), d.note(), d.subDistricts(),
                d.communities(), d.grids(), d.compounds(), d.zones(), List.copyOf(devices))));
        try {
            JsonNode s = station(GONE, recent.location().compoundId());
            assertThat(s.path("online").asBoolean()).isFalse();
            assertThat(s.has("updatedAt")).as("never heard: %s", s).isFalse();
            assertThat(s.path("ports").get(0).path("state").asText()).isEqualTo("unknown");
        } finally {
            registry.set(REGISTRY);
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String key, DeviceTwin twin) throws Exception {
        producer.send(new ProducerRecord<>(Topics.TWIN, key(key), Json.toBytes(twin))).get(10, SECONDS);
    }

    private static byte[] key(String deviceId) {
        return deviceId.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode station(Device d) throws Exception {
        return station(d.id(), d.location().compoundId());
    }

    /** The station as {@code GET /api/chargers?compound=} shows it to a district operator. */
    private static JsonNode station(String deviceId, String compoundId) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        served.url("/api/chargers?compound=" + compoundId)))
                .header("Cookie", session).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return stationIn(r.body(), deviceId);
    }
}
