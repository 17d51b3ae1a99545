package io.anju.cases.devices;

import io.anju.cases.run.CasesConfig;
import io.anju.cases.run.CasesServer;
import io.anju.cases.devices.cli.DeviceCommand;
import io.anju.cases.testing.ApiClient;
import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.common.auth.SecretHash;
import io.anju.common.json.Json;
import io.anju.common.model.Compound;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.LocationChain;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryDocument;
import io.anju.common.registry.RegistryWriter;
import io.anju.common.registry.generate.GeneratorOptions;
import io.anju.common.registry.generate.RegistryGenerator;
import io.anju.common.registry.live.PublishedRegistry;
import io.anju.common.registry.live.RegistryFollower;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.Topics;
import io.anju.kafka.EmbeddedKafka;
import io.anju.cases.testing.Alerts;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.anju.cases.testing.ApiClient.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The registry service inside the assembled case service, on real PostgreSQL and Kafka: changes through the API land
 * in the store, in the audit and on {@code anju.registry} (read back with the gateway's {@link RegistryFollower});
 * changes made straight in the store are relayed too; only district operators manage devices; refused changes change
 * nothing and name every problem; a moved device's next alert routes to its new grid; devices are imported from CSV
 * ({@link DeviceCsvImportTests}).
 */
class DeviceRegistryIT {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceRegistryIT.class);
    static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;
    static Vertx vertx;
    static Registry registry;
    static CasesServer server;
    static RegistryFollower follower;
    static final Map<Long, PublishedRegistry> seen = new ConcurrentHashMap<>();
    static final Map<Long, Long> seenAtNanos = new ConcurrentHashMap<>();
    static ApiClient district;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
        registry = new Registry(RegistryGenerator.generate(new GeneratorOptions(2020, true, 0)).document());
        Path registryFile = dir.resolve("registry.json");
        RegistryWriter.write(registryFile, registry.document());
        server = CasesServer.start(CasesConfig.of(Map.of(
                "http.host", "127.0.0.1",
                "http.port", "0",
                "registry.file", registryFile.toString(),
                "data.dir", dir.resolve("data").toString(),
                "kafka.bootstrap", kafka.bootstrapServers(),
                "auth.passwordIterations", "10000")));
        await(server.users().add("district", "district_operator", "lianhu", PASSWORD, null));
        await(server.users().add("worker", "grid_worker", registry.grids().iterator().next().id(), PASSWORD, null));
        follower = new RegistryFollower(KafkaConnection.plain(kafka.bootstrapServers()), "device-registry-it", registry)
                .onChange((before, after, revision) -> {
                    seenAtNanos.put(revision.revision(), System.nanoTime());
                    seen.put(revision.revision(), revision);
                })
                .start(PATIENCE);
        vertx = Vertx.vertx();
        district = signIn("district");
    }

    @AfterAll
    static void stop() throws Exception {
        if (follower != null) {
            follower.close();
        }
        if (server != null) {
            server.close();
        }
        if (vertx != null) {
            await(vertx.close());
        }
        kafka.close();
    }

    @Test
    void theRegistryFileIsRevisionOneOnTheTopic() {
        PublishedRegistry first = await().atMost(PATIENCE).until(() -> seen.get(1L), r -> r != null);
        assertThat(first.changedBy()).startsWith("import:").endsWith("registry.json");
        assertThat(first.document().devices()).hasSameSizeAs(registry.document().devices());
    }

    @Test
    void aChangeThroughTheApiLandsInTheStoreTheAuditAndOnTheTopic() throws Exception {
        Device gate = registry.devicesOfType(DeviceType.GATE).get(0);
        HttpResponse<Buffer> disabled = district.post("/api/v1/devices/" + gate.id() + "/disable", new JsonObject());
        assertThat(disabled.statusCode()).as(disabled.bodyAsString()).isEqualTo(200);
        long revision = disabled.bodyAsJsonObject().getLong("revision");
        assertThat(disabled.bodyAsJsonObject().getJsonObject("device").getBoolean("enabled")).isFalse();

        JsonObject read = district.get("/api/v1/devices/" + gate.id()).bodyAsJsonObject();
        assertThat(read.getBoolean("enabled")).isFalse();
        assertThat(read.containsKey("secretHash")).as("no secret hash is ever shown").isFalse();

        JsonObject audited = district.get("/api/v1/device-changes?deviceId=" + gate.id()).bodyAsJsonArray()
                .getJsonObject(0);
        assertThat(audited.getLong("revision")).isEqualTo(revision);
        assertThat(audited.getString("changedBy")).isEqualTo("district");
        assertThat(audited.getString("operation")).isEqualTo("disable");
        assertThat(audited.getJsonObject("before").getBoolean("enabled")).isTrue();
        assertThat(audited.getJsonObject("after").getBoolean("enabled")).isFalse();
        assertThat(audited.encode()).doesNotContain("sha256$");

        PublishedRegistry published = await().atMost(PATIENCE).until(() -> seen.get(revision), r -> r != null);
        assertThat(published.change()).isEqualTo("disable " + gate.id());
        assertThat(published.changedBy()).isEqualTo("district");
        assertThat(new Registry(published.document()).device(gate.id()).orElseThrow().enabled()).isFalse();

        HttpResponse<Buffer> enabled = district.post("/api/v1/devices/" + gate.id() + "/enable", new JsonObject());
        assertThat(enabled.statusCode()).isEqualTo(200);
    }

    @Test
    void anAddedDeviceGetsItsSecretOnceAndARotatedSecretKeepsTheOldOneForItsGrace() throws Exception {
        Compound compound = registry.compounds().stream().filter(Compound::chargers).findFirst().orElseThrow();
        HttpResponse<Buffer> added = district.post("/api/v1/devices", new JsonObject()
                .put("id", "chg-it-0001").put("type", "charger").put("compoundId", compound.id())
                .put("charger", new JsonObject().put("ports", 10).put("portLimitW", 1000).put("stationRefuseW", 5500)
                        .put("stationLimitW", 6000))
                .put("installation", new JsonObject().put("vendor", "Acme").put("model", "EB-10")
                        .put("firmware", "2.1.0").put("installedOn", "2026-12-01").put("propertyCompany", "Lianhu PM")));
        assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
        String secret = added.bodyAsJsonObject().getString("secret");
        long addedAt = added.bodyAsJsonObject().getLong("revision");
        assertThat(added.bodyAsJsonObject().getJsonObject("device").getJsonObject("location").getString("gridId"))
                .isEqualTo(compound.gridId());
        Device stored = new Registry(await().atMost(PATIENCE).until(() -> seen.get(addedAt), r -> r != null)
                .document()).device("chg-it-0001").orElseThrow();
        assertThat(SecretHash.matches(secret, stored.secretHash())).isTrue();
        assertThat(stored.installation().vendor()).isEqualTo("Acme");

        long before = System.currentTimeMillis();
        HttpResponse<Buffer> rotated = district.post("/api/v1/devices/chg-it-0001/rotate-secret",
                new JsonObject().put("graceSeconds", 3600));
        assertThat(rotated.statusCode()).as(rotated.bodyAsString()).isEqualTo(200);
        String newSecret = rotated.bodyAsJsonObject().getString("secret");
        long rotatedAt = rotated.bodyAsJsonObject().getLong("revision");
        Device after = new Registry(await().atMost(PATIENCE).until(() -> seen.get(rotatedAt), r -> r != null)
                .document()).device("chg-it-0001").orElseThrow();
        assertThat(SecretHash.matches(newSecret, after.secretHash())).isTrue();
        assertThat(SecretHash.matches(secret, after.previousSecret().secretHash())).isTrue();
        assertThat(after.previousSecret().validUntil()).isBetween(before + 3_600_000, System.currentTimeMillis()
                + 3_600_000);
    }

    @Test
    void onlyDistrictOperatorsManageDevices() throws Exception {
        ApiClient worker = signIn("worker");
        HttpResponse<Buffer> refused = worker.get("/api/v1/devices");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.bodyAsJsonObject().getString("reason")).isEqualTo("devices_district_only");
        assertThat(refused.bodyAsJsonObject().getString("detail")).contains("grid_worker");
        Device d = registry.devicesOfType(DeviceType.CHARGER).get(0);
        assertThat(worker.post("/api/v1/devices/" + d.id() + "/disable", new JsonObject()).statusCode())
                .isEqualTo(403);
        assertThat(district.get("/api/v1/devices/" + d.id()).bodyAsJsonObject().getBoolean("enabled")).isTrue();
    }

    @Test
    void aBadAddChangesNothingAndNamesEveryProblem() throws Exception {
        long inStore = storeRevision();
        HttpResponse<Buffer> bad = district.post("/api/v1/devices", new JsonObject()
                .put("id", "chg-it-bad").put("type", "charger").put("compoundId", "no-such-compound")
                .put("charger", new JsonObject().put("ports", 0).put("portLimitW", 1000).put("stationRefuseW", 5500)
                        .put("stationLimitW", 6000)));
        assertThat(bad.statusCode()).as(bad.bodyAsString()).isEqualTo(422);
        JsonObject body = bad.bodyAsJsonObject();
        assertThat(body.getString("error")).isEqualTo("rules_broken");
        List<String> problems = body.getJsonArray("problems").stream().map(String::valueOf).toList();
        assertThat(problems).anyMatch(p -> p.contains("no-such-compound"));
        assertThat(problems).anyMatch(p -> p.contains("ports"));

        Device existing = registry.devicesOfType(DeviceType.CAMERA).get(0);
        HttpResponse<Buffer> duplicate = district.post("/api/v1/devices", new JsonObject()
                .put("id", existing.id()).put("type", "camera").put("compoundId", existing.location().compoundId())
                .put("camera", new JsonObject().put("watches", "corridor").put("building", "1")));
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(duplicate.bodyAsJsonObject().getString("reason")).isEqualTo("device_exists");
        assertThat(district.post("/api/v1/devices/no-such-device/disable", new JsonObject()).statusCode())
                .isEqualTo(404);
        assertThat(district.get("/api/v1/devices/chg-it-bad").statusCode()).isEqualTo(404);
        assertThat(storeRevision()).as("a refused change writes nothing").isEqualTo(inStore);
    }

    @Test
    void aChangeMadeWithTheCliIsPublishedAndUsed() throws Exception {
        Device camera = registry.devicesOfType(DeviceType.CAMERA).get(1);
        StringWriter out = new StringWriter();
        int exit = DeviceCommand.commandLine().setOut(new PrintWriter(out)).execute("disable", "--id", camera.id(),
                "--data-dir", dir.resolve("data").toString(), "--by", "cli:operator");
        assertThat(exit).as(out.toString()).isZero();
        long revision = Long.parseLong(out.toString().replaceAll("(?s).*\\(revision (\\d+)\\).*", "$1"));
        PublishedRegistry published = await().atMost(PATIENCE).until(() -> seen.get(revision), r -> r != null);
        assertThat(published.changedBy()).isEqualTo("cli:operator");
        assertThat(new Registry(published.document()).device(camera.id()).orElseThrow().enabled()).isFalse();
        await().atMost(PATIENCE).until(() -> district.get("/api/v1/devices/" + camera.id()).bodyAsJsonObject()
                .getBoolean("enabled"), e -> !e);

        StringWriter err = new StringWriter();
        assertThat(DeviceCommand.commandLine().setErr(new PrintWriter(err)).execute("move", "--id", camera.id(),
                "--to", "no-such-compound", "--data-dir", dir.resolve("data").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("refused").contains("no-such-compound");
    }

    @Test
    void anImportIsAllOrNothingAndADryRunNamesEveryProblem() throws Exception {
        List<Device> devices = new ArrayList<>(registry.document().devices());
        Device first = devices.get(0);
        devices.add(first); // a duplicate id
        devices.add(new Device("chg-it-lost", DeviceType.CHARGER, new LocationChain(
                null, null, null, "no-such-compound", null), first.secretHash(), true, first.charger(), null, null));
        RegistryDocument doc = registry.document();
        Path bad = dir.resolve("bad-registry.json");
        RegistryWriter.write(bad, new RegistryDocument(doc.version(), doc.seed(), doc.note(),
                doc.subDistricts(), doc.communities(), doc.grids(), doc.compounds(), doc.zones(), devices));
        long inStore = storeRevision();
        for (String[] args : List.of(new String[]{"--dry-run"}, new String[0])) {
            StringWriter err = new StringWriter();
            List<String> command = new ArrayList<>(List.of("import", bad.toString(), "--data-dir",
                    dir.resolve("data").toString()));
            command.addAll(List.of(args));
            assertThat(DeviceCommand.commandLine().setOut(new PrintWriter(new StringWriter()))
                    .setErr(new PrintWriter(err)).execute(command.toArray(String[]::new))).as(err.toString())
                    .isEqualTo(2);
            assertThat(err.toString()).contains(first.id()).contains("no-such-compound");
            assertThat(err.toString().lines().filter(l -> l.startsWith("  ")).count()).isGreaterThanOrEqualTo(2);
        }
        assertThat(storeRevision()).as("a refused import writes nothing").isEqualTo(inStore);

        Path good = dir.resolve("good-registry.json");
        RegistryWriter.write(good, doc);
        StringWriter out = new StringWriter();
        assertThat(DeviceCommand.commandLine().setOut(new PrintWriter(out)).execute("import", good.toString(),
                "--data-dir", dir.resolve("data").toString(), "--by", "cli:importer")).isZero();
        long revision = Long.parseLong(out.toString().replaceAll("(?s).*as revision (\\d+).*", "$1"));
        PublishedRegistry published = await().atMost(PATIENCE).until(() -> seen.get(revision), r -> r != null);
        assertThat(published.changedBy()).isEqualTo("cli:importer");
        assertThat(published.document().devices()).hasSameSizeAs(doc.devices());
    }

    @Test
    void aMovedDevicesNextAlertRoutesToItsNewGrid() throws Exception {
        Device charger = registry.devicesOfType(DeviceType.CHARGER).get(2);
        Compound elsewhere = registry.compounds().stream().filter(Compound::chargers)
                .filter(c -> !c.gridId().equals(charger.location().gridId())).findFirst().orElseThrow();
        HttpResponse<Buffer> moved = district.post("/api/v1/devices/" + charger.id() + "/move",
                new JsonObject().put("to", elsewhere.id()));
        assertThat(moved.statusCode()).as(moved.bodyAsString()).isEqualTo(200);
        assertThat(moved.bodyAsJsonObject().getJsonObject("device").getJsonObject("location").getString("gridId"))
                .isEqualTo(elsewhere.gridId());

        // As the gateway reports it: the device only, its place left to the registry.
        Alert offline = Alerts.of(AlertType.DEVICE_OFFLINE, Severity.YELLOW, SourceKind.DEVICE, charger.id(),
                charger.id(), null, Instant.now());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.ALERTS, offline.dedupKey().getBytes(StandardCharsets.UTF_8),
                    Json.toBytes(offline))).get();
        }
        JsonObject routed = await().atMost(Duration.ofSeconds(20)).until(() -> caseOf(offline), c -> c != null);
        assertThat(routed.getJsonObject("location").getString("gridId")).isEqualTo(elsewhere.gridId());
        assertThat(routed.getJsonObject("location").getString("compoundId")).isEqualTo(elsewhere.id());
    }

    @Test
    void apiChangeToTopicLatency() throws Exception {
        Device gate = registry.devicesOfType(DeviceType.GATE).get(3);
        List<Long> millis = new ArrayList<>();
        List<Long> answered = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            long sent = System.nanoTime();
            HttpResponse<Buffer> r = district.post("/api/v1/devices/" + gate.id() + (i % 2 == 0 ? "/disable"
                    : "/enable"), new JsonObject());
            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
            answered.add((System.nanoTime() - sent) / 1_000_000);
            long revision = r.bodyAsJsonObject().getLong("revision");
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(2)).until(() -> seenAtNanos.containsKey(revision));
            millis.add((seenAtNanos.get(revision) - sent) / 1_000_000);
        }
        LOG.info("API change -> record on {} read by a follower: {}; the API's answer: {}", Topics.REGISTRY,
                percentiles(millis), percentiles(answered));
    }

    /** The CSV import's tests, on this class's server. */
    @Nested
    class CsvImport extends DeviceCsvImportTests {
    }

    private static String percentiles(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return "p50 " + sorted.get(sorted.size() / 2) + " ms, p99 " + sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1)
                + " ms, max " + sorted.get(sorted.size() - 1) + " ms over " + sorted.size() + " changes";
    }

    static long storeRevision() throws Exception {
        try (Connection c = server.database().jdbc(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select revision from registry")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static JsonObject caseOf(Alert a) throws Exception {
        JsonArray items = district.get("/api/v1/cases?limit=500").bodyAsJsonObject().getJsonArray("items");
        return items.stream().map(o -> (JsonObject) o).filter(o -> a.dedupKey().equals(o.getString("dedupKey")))
                .findFirst().orElse(null);
    }

    static ApiClient signIn(String name) throws Exception {
        WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.httpPort()));
        return ApiClient.signIn(client, name, PASSWORD);
    }
}
