package io.anju.dashboards.registry;

import io.anju.common.auth.SecretHash;
import io.anju.common.json.Json;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryDocument;
import io.anju.common.registry.RegistryWriter;
import io.anju.common.registry.live.PublishedRegistry;
import io.anju.common.registry.live.RegistryPublisher;
import io.anju.common.registry.live.RegistryTopic;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.Topics;
import io.anju.dashboards.run.DashboardsConfig;
import io.anju.dashboards.run.DashboardsServer;
import io.anju.dashboards.session.SessionGuard;
import io.anju.dashboards.session.Viewer;
import io.anju.dashboards.testing.Http;
import io.anju.dashboards.testing.Places;
import io.anju.kafka.EmbeddedKafka;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The registry changing under running dashboards (issue 14): a revision published on {@code anju.registry} (a real
 * broker) changes the places and stations signed-in property managers see through the HTTP API within seconds,
 * without a restart; a record that does not parse or validate is counted and the last good revision stays in use.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveRegistryIT {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRegistryIT.class);
    /** The registry service's changes are to show on the dashboards within this. */
    private static final Duration WITHIN = Duration.ofSeconds(5);
    private static final String ADDED = "chg-new-0001";

    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;
    static KafkaConnection connection;
    static DashboardsServer dashboards;
    static Http http;
    static RegistryDocument fromFile = Places.registry().document();
    /** The compound a charger is added to and another moved into; the compound it is moved out of. */
    static String into;
    static String outOf;
    static Device moved;
    static String managerOfInto;
    static String managerOfOutOf;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
        connection = KafkaConnection.plain(kafka.bootstrapServers());
        RegistryTopic.ensure(connection, "kafka.bootstrap", (short) 1);
        Path registryFile = dir.resolve("registry.json");
        RegistryWriter.write(registryFile, fromFile);

        List<Device> chargers = Places.registry().devicesOfType(DeviceType.CHARGER);
        into = chargers.get(0).location().compoundId();
        moved = chargers.stream().filter(d -> !d.location().compoundId().equals(into)).findFirst().orElseThrow();
        outOf = moved.location().compoundId();

        dashboards = DashboardsServer.start(DashboardsConfig.of(Map.of(
                "http.host", "127.0.0.1",
                "http.port", "0",
                "registry.file", registryFile.toString(),
                "data.dir", dir.resolve("data").toString(),
                "kafka.bootstrap", kafka.bootstrapServers(),
                // No case service: the sessions below stay as opened (a recheck that gets no answer keeps them).
                "cases.url", "http://127.0.0.1:" + closedPort(),
                "metrics.gateway", "",
                "metrics.jobs", "",
                "metrics.cases", "")));
        http = new Http(dashboards.httpPort());
        managerOfInto = signedIn("pm-into", into);
        managerOfOutOf = signedIn("pm-out-of", outOf);
    }

    @AfterAll
    static void stop() {
        if (dashboards != null) {
            dashboards.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    @Order(1)
    void untilARevisionIsPublished_theRegistryFileIsInUse() throws Exception {
        assertThat(stations(managerOfInto)).containsExactlyElementsOf(chargersOf(fromFile, into));
        assertThat(stations(managerOfOutOf)).contains(moved.id());
        assertThat(registryHealth().getLong("revision")).isZero();
    }

    @Test
    @Order(2)
    void aRevisionThatAddsAndMovesChargers_showsWithinSeconds_withoutARestart() throws Exception {
        Device template = Places.registry().devicesOfType(DeviceType.CHARGER).get(0);
        List<Device> devices = new ArrayList<>(fromFile.devices());
        devices.replaceAll(d -> d.id().equals(moved.id()) ? d.withLocation(template.location()) : d);
        devices.add(new Device(ADDED, DeviceType.CHARGER, template.location(), SecretHash.hash("installer's secret"),
                true, template.charger(), null, null));
        RegistryDocument revision1 = withDevices(devices);
        long published = System.nanoTime();
        try (RegistryPublisher publisher = new RegistryPublisher(connection, "live-registry-it")) {
            publisher.publish(new PublishedRegistry(1, System.currentTimeMillis(), "ops-test",
                    "add " + ADDED + ", move " + moved.id() + " to " + into, revision1));
        }

        List<String> expected = chargersOf(revision1, into);
        assertThat(expected).contains(ADDED, moved.id());
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(stations(managerOfInto)).containsExactlyElementsOf(expected));
        Duration shown = Duration.ofNanos(System.nanoTime() - published);
        LOG.info("revision published -> shown on /api/places in {} ms", shown.toMillis());
        assertThat(shown).isLessThan(WITHIN);
        assertThat(stations(managerOfOutOf)).doesNotContain(moved.id())
                .containsExactlyElementsOf(chargersOf(revision1, outOf));
        assertThat(chargerIds(managerOfInto)).as("the live stations of the compound").contains(ADDED, moved.id());
        assertThat(http.get("/api/chargers?compound=" + into, managerOfOutOf).statusCode())
                .as("the compound the charger moved to is not the other manager's").isEqualTo(403);
        assertThat(registryHealth().getLong("revision")).isEqualTo(1);
        assertThat(metrics()).contains("anju_dashboards_registry_revision 1.0");
    }

    @Test
    @Order(3)
    void aRecordThatDoesNotValidate_isCounted_andTheLastGoodRevisionStays() throws Exception {
        List<String> before = stations(managerOfInto);
        List<Device> duplicated = new ArrayList<>(fromFile.devices()); // without the charger revision 1 added
        duplicated.add(duplicated.get(0)); // a duplicate id breaks a rule
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(connection.clientProperties(),
                new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topics.REGISTRY, RegistryTopic.KEY,
                    "{not json".getBytes(StandardCharsets.UTF_8))).get();
            raw.send(new ProducerRecord<>(Topics.REGISTRY, RegistryTopic.KEY, Json.toBytes(new PublishedRegistry(2,
                    System.currentTimeMillis(), "ops-test", "remove " + ADDED + " (and a duplicate)",
                    withDevices(duplicated))))).get();
        }

        await().atMost(WITHIN).until(() -> registryHealth().getLong("rejected") == 2);
        assertThat(registryHealth().getLong("revision")).isEqualTo(1);
        assertThat(stations(managerOfInto)).as("revision 1 still in use").isEqualTo(before).contains(ADDED);
        assertThat(metrics()).contains("anju_dashboards_registry_rejected 2.0");
    }

    /** The stations of the viewer's compound as {@code GET /api/places} lists them. */
    private static List<String> stations(String cookie) throws Exception {
        var r = http.get("/api/places", cookie);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonArray compounds = Http.json(r).getJsonArray("compounds");
        assertThat(compounds).hasSize(1);
        return compounds.getJsonObject(0).getJsonArray("stations").stream().map(String.class::cast).toList();
    }

    private static List<String> chargerIds(String cookie) throws Exception {
        var r = http.get("/api/chargers", cookie);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonArray(r.body()).stream().map(o -> ((JsonObject) o).getString("deviceId")).toList();
    }

    /** {@code registry} of {@code GET /health} (503 here: no case service answers). */
    private static JsonObject registryHealth() throws Exception {
        return Http.json(http.get("/health", null)).getJsonObject("registry");
    }

    private static String metrics() throws Exception {
        return http.get("/metrics", null).body();
    }

    private static List<String> chargersOf(RegistryDocument document, String compoundId) {
        return new Registry(document).devicesOfType(DeviceType.CHARGER).stream()
                .filter(d -> compoundId.equals(d.location().compoundId())).map(Device::id).toList();
    }

    private static RegistryDocument withDevices(List<Device> devices) {
        return new RegistryDocument(fromFile.version(), fromFile.seed(), fromFile.note(), fromFile.subDistricts(),
                fromFile.communities(), fromFile.grids(), fromFile.compounds(), fromFile.zones(),
                List.copyOf(devices));
    }

    /** A session of a property manager of {@code compoundId}, as signing in opens it. */
    private static String signedIn(String name, String compoundId) {
        var s = dashboards.sessions().open(new Viewer(name, Viewer.PROPERTY_MANAGER, Set.of(compoundId), null,
                "case-service-token"), Instant.now().plus(Duration.ofHours(1)));
        return SessionGuard.COOKIE + "=" + s.id();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
