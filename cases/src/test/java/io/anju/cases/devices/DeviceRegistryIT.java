package io.anju.cases.devices;

import io.anju.cases.devices.cli.DeviceCommand;
import io.anju.cases.diagnostics.DiagnosticsStore;
import io.anju.cases.intake.IntakeSettings;
import io.anju.cases.run.CasesConfig;
import io.anju.cases.run.CasesServer;
import io.anju.cases.testing.Alerts;
import io.anju.cases.testing.ApiClient;
import io.anju.cases.twin.TwinKeeper;
import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.common.auth.SecretHash;
import io.anju.common.diagnostics.DiagnosticEvent;
import io.anju.common.diagnostics.DiagnosticKind;
import io.anju.common.json.Json;
import io.anju.common.model.Channel;
import io.anju.common.model.Compound;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.Envelope;
import io.anju.common.model.Installation;
import io.anju.common.model.LocationChain;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryDocument;
import io.anju.common.registry.RegistryWriter;
import io.anju.common.registry.live.PublishedRegistry;
import io.anju.common.registry.live.RegistryFollower;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.Topics;
import io.anju.kafka.EmbeddedKafka;
import io.anju.registry.generate.GeneratorOptions;
import io.anju.registry.generate.RegistryGenerator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static io.anju.cases.testing.ApiClient.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The registry service inside the assembled case service, on real PostgreSQL and Kafka: changes through the API land
 * in the store, in the audit and on {@code anju.registry} (read back with the gateway's {@link RegistryFollower});
 * changes made straight in the store are relayed too; only district operators manage devices; refused changes change
 * nothing and name every problem; a moved device's next alert routes to its new grid; devices are imported from CSV
 * ({@link DeviceCsvImportTests}). Vendors: diagnostics the
 * gateway writes to {@code anju.diagnostics} become readable through GET /api/v1/devices/{id}/diagnostics for the
 * device's vendor and the district, with the device's command outcomes; another vendor gets 404 as for an unknown id;
 * the store keeps only the latest records per device; produce-to-visible latency is logged. The device twin: what the
 * streams last said of a charger (ports, firmware, connection, last error) with its open cases, through
 * GET /api/v1/devices/{id}/twin, the same on {@code anju.twin}, and answered at once after the service restarts.
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
    static ApiClient volta;
    static ApiClient ampere;
    static KafkaProducer<byte[], byte[]> producer;
    /** Chargers of vendor Volta (in the registry file, so an import of it keeps them) and one of vendor Ampere. */
    static String voltas;
    static String flood;
    static String timed;
    static String amperes;
    /** A Volta charger only the twin test writes streams of. */
    static String twinned;
    static CasesConfig config;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
        registry = withVendors(new Registry(RegistryGenerator.generate(new GeneratorOptions(2020, true, 0))
                .document()));
        Path registryFile = dir.resolve("registry.json");
        RegistryWriter.write(registryFile, registry.document());
        config = CasesConfig.of(Map.of(
                "http.host", "127.0.0.1",
                "http.port", "0",
                "registry.file", registryFile.toString(),
                "data.dir", dir.resolve("data").toString(),
                "kafka.bootstrap", kafka.bootstrapServers(),
                "auth.passwordIterations", "10000"));
        server = CasesServer.start(config);
        await(server.users().add("district", "district_operator", "lianhu", PASSWORD, null));
        await(server.users().add("worker", "grid_worker", registry.grids().iterator().next().id(), PASSWORD, null));
        await(server.users().add("volta", "vendor", "Volta", PASSWORD, null));
        await(server.users().add("ampere", "vendor", "Ampere", PASSWORD, null));
        producer = kafka.producer();
        follower = new RegistryFollower(KafkaConnection.plain(kafka.bootstrapServers()), "device-registry-it", registry)
                .onChange((before, after, revision) -> {
                    seenAtNanos.put(revision.revision(), System.nanoTime());
                    seen.put(revision.revision(), revision);
                })
                .start(PATIENCE);
        vertx = Vertx.vertx();
        district = signIn("district");
        volta = signIn("volta");
        ampere = signIn("ampere");
    }

    /** The registry with four chargers the other tests leave alone given an installation: three Volta's, one Ampere's. */
    private static Registry withVendors(Registry generated) {
        List<Device> chargers = generated.devicesOfType(DeviceType.CHARGER);
        voltas = chargers.get(5).id();
        flood = chargers.get(6).id();
        timed = chargers.get(7).id();
        amperes = chargers.get(8).id();
        twinned = chargers.get(9).id();
        Set<String> ofVolta = Set.of(voltas, flood, timed, twinned);
        RegistryDocument doc = generated.document();
        List<Device> devices = doc.devices().stream().map(d -> ofVolta.contains(d.id())
                ? d.withInstallation(new Installation("Volta", "EB-10", "2.1.0", "2026-12-01", null))
                : d.id().equals(amperes) ? d.withInstallation(new Installation("Ampere", "AC-7", "1.4", null, null)) : d)
                .toList();
        return new Registry(new RegistryDocument(doc.version(), doc.seed(), doc.note(), doc.subDistricts(),
                doc.communities(), doc.grids(), doc.compounds(), doc.zones(), devices));
    }

    @AfterAll
    static void stop() throws Exception {
        if (producer != null) {
            producer.close();
        }
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
    void aCompoundAddedByAnImportIsKnownAtOnceToScopesAndCaseTitles() throws Exception {
        RegistryDocument doc = registry.document();
        // A charger the other tests leave alone moves to a new compound in its own grid.
        Device charger = registry.devicesOfType(DeviceType.CHARGER).get(12);
        LocationChain was = charger.location();
        Compound added = new Compound("cmp-it-added", "安居新苑", was.gridId(), "莲湖区 安居路 1 号", true, false,
                false);
        List<Compound> compounds = new ArrayList<>(doc.compounds());
        compounds.add(added);
        List<Device> devices = doc.devices().stream().map(d -> d.id().equals(charger.id())
                ? d.withLocation(new LocationChain(was.subDistrictId(), was.communityId(), was.gridId(), added.id(),
                        null)) : d).toList();
        Path file = dir.resolve("registry-with-a-new-compound.json");
        RegistryWriter.write(file, new RegistryDocument(doc.version(), doc.seed(), doc.note(), doc.subDistricts(),
                doc.communities(), doc.grids(), compounds, doc.zones(), devices));
        StringWriter out = new StringWriter();
        assertThat(DeviceCommand.commandLine().setOut(new PrintWriter(out)).execute("import", file.toString(),
                "--data-dir", dir.resolve("data").toString())).isZero();
        long revision = Long.parseLong(out.toString().replaceAll("(?s).*as revision (\\d+).*", "$1"));
        await().atMost(PATIENCE).until(() -> seen.containsKey(revision));

        // No restart: the running service takes the new compound as a property manager's scope …
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ApiClient.await(server.users().add("pm-added",
                "property_manager", added.id(), PASSWORD, null)).name()).isEqualTo("pm-added"));
        // … and names it in the title of a case for a device there.
        Alert offline = Alerts.of(AlertType.DEVICE_OFFLINE, Severity.YELLOW, SourceKind.DEVICE, charger.id(),
                charger.id(), null, Instant.now());
        producer.send(new ProducerRecord<>(Topics.ALERTS, offline.dedupKey().getBytes(StandardCharsets.UTF_8),
                Json.toBytes(offline))).get();
        JsonObject opened = await().atMost(Duration.ofSeconds(20)).until(() -> caseOf(offline), c -> c != null);
        assertThat(opened.getJsonObject("location").getString("compoundId")).isEqualTo(added.id());
        assertThat(opened.getString("title")).contains(added.name());
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
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
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

    @Test
    void aVendorReadsTheConnectionsRejectionsAndCommandsOfTheirDevice() throws Exception {
        long t = System.currentTimeMillis();
        send(event(t, voltas, DiagnosticKind.REFUSED, "bad_credentials", "wrong secret", null, null));
        send(event(t + 1, voltas, DiagnosticKind.CONNECTED, null, null, null, null));
        send(event(t + 2, voltas, DiagnosticKind.PAYLOAD_REJECTED, "bad_value",
                "telemetry.ports[3].powerW: -12.5 is below 0", "anju/v1/charger/" + voltas + "/telemetry",
                "{\"ports\":[{\"port\":3,\"powerW\":-12.5}]}"));
        send(event(t + 3, voltas, DiagnosticKind.PUBLISH_REFUSED, "not_authorized", "not your topic",
                "anju/v1/charger/" + amperes + "/telemetry", null));
        send(event(t + 4, voltas, DiagnosticKind.DISCONNECTED, "keep_alive_timeout", "no packet for 90 s", null, null));
        // The gateway's delivery report of a stop sent to the device (as CommandOutcomeIntakeIT sends them).
        producer.send(new ProducerRecord<>(Topics.COMMAND_RESULTS, voltas.getBytes(StandardCharsets.UTF_8),
                new JsonObject().put("kind", "delivery").put("commandId", "cmd-vd-1").put("alertId", "alert-vd-1")
                        .put("outcome", "delivered").put("deviceId", voltas).put("action", "stop_port").put("port", 3)
                        .put("gateway", "gw-1").put("at", t + 5).encode().getBytes(StandardCharsets.UTF_8))).get();

        JsonObject seen = await().atMost(PATIENCE).until(() -> diagnostics(volta, voltas),
                d -> d.getJsonArray("connections").size() == 3 && d.getJsonArray("commands").size() == 1);
        assertThat(kinds(seen.getJsonArray("connections"))).containsExactly("disconnected", "connected", "refused");
        assertThat(seen.getJsonArray("connections").getJsonObject(0).getString("code")).isEqualTo("keep_alive_timeout");
        assertThat(seen.getJsonArray("connections").getJsonObject(2).getString("reason")).isEqualTo("wrong secret");
        assertThat(kinds(seen.getJsonArray("rejections"))).containsExactly("publish_refused", "payload_rejected");
        JsonObject rejected = seen.getJsonArray("rejections").getJsonObject(1);
        assertThat(rejected.getString("code")).isEqualTo("bad_value");
        assertThat(rejected.getString("reason")).isEqualTo("telemetry.ports[3].powerW: -12.5 is below 0");
        assertThat(rejected.getString("excerpt")).isEqualTo("{\"ports\":[{\"port\":3,\"powerW\":-12.5}]}");
        JsonObject command = seen.getJsonArray("commands").getJsonObject(0);
        assertThat(command.getString("commandId")).isEqualTo("cmd-vd-1");
        assertThat(command.getString("kind")).isEqualTo("delivery");
        assertThat(command.getString("outcome")).isEqualTo("delivered");

        assertThat(diagnostics(district, voltas)).as("the district sees what the vendor sees").isEqualTo(seen);
    }

    @Test
    void aVendorSeesOnlyTheirOwnDevicesAndAnotherVendorsIsNotFoundLikeAnUnknownOne() throws Exception {
        assertThat(ids(volta.get("/api/v1/devices"))).containsExactlyElementsOf(
                Stream.of(voltas, flood, timed, twinned).sorted().toList());
        assertThat(ids(ampere.get("/api/v1/devices"))).containsExactly(amperes);
        JsonObject own = volta.get("/api/v1/devices/" + voltas).bodyAsJsonObject();
        assertThat(own.getJsonObject("installation").getString("vendor")).isEqualTo("Volta");
        // A vendor has no view of the district's places: the record names them.
        LocationChain at = registry.device(voltas).orElseThrow().location();
        assertThat(own.getJsonObject("places").getString("compound"))
                .isEqualTo(registry.compound(at.compoundId()).orElseThrow().name());
        assertThat(own.getJsonObject("places").getString("community"))
                .isEqualTo(registry.community(at.communityId()).orElseThrow().name());

        for (String path : List.of("/api/v1/devices/" + voltas, "/api/v1/devices/" + voltas + "/diagnostics",
                "/api/v1/devices/" + voltas + "/twin")) {
            HttpResponse<Buffer> other = ampere.get(path);
            HttpResponse<Buffer> unknown = ampere.get(path.replace(voltas, "chg-vd-nobody"));
            assertThat(other.statusCode()).as(path).isEqualTo(404);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(other.bodyAsJsonObject().getString("reason")).isEqualTo("no_such_device")
                    .isEqualTo(unknown.bodyAsJsonObject().getString("reason"));
        }
        assertThat(district.get("/api/v1/devices/" + amperes + "/diagnostics").statusCode()).isEqualTo(200);

        HttpResponse<Buffer> change = volta.post("/api/v1/devices/" + voltas + "/disable", new JsonObject());
        assertThat(change.statusCode()).isEqualTo(403);
        assertThat(change.bodyAsJsonObject().getString("reason")).isEqualTo("devices_district_only");
        assertThat(volta.get("/api/v1/device-changes").statusCode()).isEqualTo(403);
        assertThat(signIn("worker").get("/api/v1/devices/" + voltas + "/diagnostics").statusCode()).isEqualTo(403);
        assertThat(signIn("worker").get("/api/v1/devices/" + voltas + "/twin").statusCode()).isEqualTo(403);
    }

    @Test
    void theStoreKeepsOnlyTheLatestConnectionsAndRejectionsOfADevice() throws Exception {
        long t = System.currentTimeMillis();
        int connections = DiagnosticsStore.CONNECTIONS_KEPT + 30;
        int rejections = DiagnosticsStore.REJECTIONS_KEPT + 20;
        for (int i = 0; i < connections; i++) {
            producer.send(record(flood, Json.toBytes(new DiagnosticEvent(t + i, "gw-1", flood,
                    DiagnosticKind.CONNECTED, null, null, "5", "10.0.0.9:" + i, 60, null, null, null))));
        }
        for (int i = 0; i < rejections; i++) {
            producer.send(record(flood, Json.toBytes(event(t + i, flood, DiagnosticKind.PAYLOAD_REJECTED, "bad_json",
                    "not JSON", "anju/v1/charger/" + flood + "/telemetry", "r" + i))));
        }
        // Neither kept nor in the way: an id the registry does not know, and a record that does not parse.
        producer.send(record("chg-vd-unregistered", Json.toBytes(event(t, "chg-vd-unregistered",
                DiagnosticKind.REFUSED, "bad_credentials", "unknown device", null, null))));
        producer.send(record(flood, "{not json".getBytes(StandardCharsets.UTF_8)));
        producer.flush();

        JsonObject seen = await().atMost(PATIENCE).until(() -> diagnostics(volta, flood), d ->
                ("10.0.0.9:" + (connections - 1)).equals(d.getJsonArray("connections").getJsonObject(0)
                        .getString("remote"))
                        && ("r" + (rejections - 1)).equals(d.getJsonArray("rejections").getJsonObject(0)
                        .getString("excerpt")));
        JsonArray kept = seen.getJsonArray("connections");
        assertThat(kept).hasSize(DiagnosticsStore.CONNECTIONS_KEPT);
        assertThat(kept.getJsonObject(kept.size() - 1).getString("remote")).isEqualTo("10.0.0.9:30");
        JsonArray keptRejections = seen.getJsonArray("rejections");
        assertThat(keptRejections).hasSize(DiagnosticsStore.REJECTIONS_KEPT);
        assertThat(keptRejections.getJsonObject(keptRejections.size() - 1).getString("excerpt")).isEqualTo("r20");
        assertThat(rowsOf(flood)).as("pruned in the table, not only cut in the answer")
                .isEqualTo(DiagnosticsStore.CONNECTIONS_KEPT + DiagnosticsStore.REJECTIONS_KEPT);
        assertThat(rowsOf("chg-vd-unregistered")).isZero();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(metricsText())
                .contains("anju_cases_diagnostics_records_total{result=\"unknown_device\"}")
                .contains("anju_cases_diagnostics_records_total{result=\"unreadable\"}"));
        assertThat(metricsText()).contains("anju_cases_diagnostics_pruned_total");
        JsonObject health = await(WebClient.create(vertx).get(server.httpPort(), "127.0.0.1", "/health").send())
                .bodyAsJsonObject();
        assertThat(health.getJsonObject("checks").getString("diagnostics")).isEqualTo("up");
    }

    @Test
    void rejectedPayloadToVisibleInTheVendorsDiagnosticsLatency() throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String marker = "lat-" + i;
            long sent = System.nanoTime();
            send(event(System.currentTimeMillis(), timed, DiagnosticKind.PAYLOAD_REJECTED, "bad_value", "out of range",
                    "anju/v1/charger/" + timed + "/telemetry", marker));
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(2)).until(() -> marker.equals(
                    firstExcerpt(diagnostics(volta, timed))));
            millis.add((System.nanoTime() - sent) / 1_000_000);
        }
        LOG.info("rejected payload produced to {} -> visible in the vendor's GET /api/v1/devices/{id}/diagnostics: {}",
                Topics.DIAGNOSTICS, percentiles(millis));
    }

    @Test
    void aVendorReadsTheLastKnownStateOfTheirChargerAndItIsAnsweredAtOnceAfterARestart() throws Exception {
        long t = System.currentTimeMillis();
        Device charger = registry.device(twinned).orElseThrow();
        produce(Topics.telemetry(DeviceType.CHARGER), envelope(charger, Channel.TELEMETRY, t, new JsonObject()
                .put("mainsV", 228.4).put("ports", new JsonArray()
                        .add(new JsonObject().put("no", 1).put("state", "charging").put("powerW", 199.3)
                                .put("tempC", 38.5))
                        .add(new JsonObject().put("no", 2).put("state", "idle").put("powerW", 0)))));
        produce(Topics.STATUS, envelope(charger, Channel.STATUS, t + 1, new JsonObject().put("state", "online")
                .put("fw", "3.2.1").put("rssi", -60)));
        send(event(t + 2, twinned, DiagnosticKind.CONNECTED, null, null, null, null));
        send(event(t + 3, twinned, DiagnosticKind.PAYLOAD_REJECTED, "bad_value",
                "telemetry.ports[2].powerW: -1 is below 0", "anju/v1/charger/" + twinned + "/telemetry", "{}"));
        produce(Topics.STATUS, new Envelope("chg-vd-unregistered-twin", DeviceType.CHARGER, Channel.STATUS, t, 1, t,
                "gw-1", false, null, Json.tree("{\"state\":\"online\"}".getBytes(StandardCharsets.UTF_8))));
        Alert offline = Alerts.of(AlertType.DEVICE_OFFLINE, Severity.YELLOW, SourceKind.DEVICE, twinned, twinned,
                null, Instant.now());
        producer.send(new ProducerRecord<>(Topics.ALERTS, offline.dedupKey().getBytes(StandardCharsets.UTF_8),
                Json.toBytes(offline))).get();

        JsonObject twin = await().atMost(PATIENCE).until(() -> twin(volta, twinned), tw -> tw.containsKey("lastError")
                && tw.containsKey("status") && tw.containsKey("connection") && tw.getJsonArray("ports").size() == 2
                && tw.getJsonArray("openAlerts").size() == 1 && tw.getLong("updatedAt") > 0);
        assertThat(twin.getString("type")).isEqualTo("charger");
        assertThat(twin.getLong("lastSeenAt")).isEqualTo(t + 1);
        JsonObject port1 = twin.getJsonArray("ports").getJsonObject(0);
        assertThat(port1.getInteger("no")).isEqualTo(1);
        assertThat(port1.getString("state")).isEqualTo("charging");
        assertThat(port1.getDouble("tempC")).isEqualTo(38.5);
        assertThat(twin.getJsonArray("ports").getJsonObject(1).getString("state")).isEqualTo("idle");
        assertThat(twin.getJsonObject("telemetry").getJsonObject("payload").getDouble("mainsV")).isEqualTo(228.4);
        assertThat(twin.getJsonObject("status").getString("firmware")).isEqualTo("3.2.1");
        assertThat(twin.getJsonObject("status").getString("state")).isEqualTo("online");
        assertThat(twin.getJsonObject("connection").getString("state")).isEqualTo("connected");
        assertThat(twin.getJsonObject("connection").getString("node")).isEqualTo("gw-1");
        assertThat(twin.getJsonObject("lastError").getString("kind")).isEqualTo("payload_rejected");
        assertThat(twin.getJsonObject("lastError").getString("code")).isEqualTo("bad_value");
        JsonObject open = twin.getJsonArray("openAlerts").getJsonObject(0);
        assertThat(open.getString("alertType")).isEqualTo("device_offline");
        assertThat(open.getLong("caseId")).isEqualTo(caseOf(offline).getLong("id"));
        assertThat(open.getString("state")).isEqualTo(caseOf(offline).getString("state"));
        assertThat(open.getString("openedAt")).isNotNull();
        assertThat(twin(district, twinned)).as("the district sees what the vendor sees").isEqualTo(twin);

        HttpResponse<Buffer> other = ampere.get("/api/v1/devices/" + twinned + "/twin");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.bodyAsJsonObject().getString("reason")).isEqualTo("no_such_device");
        HttpResponse<Buffer> unknown = district.get("/api/v1/devices/chg-vd-nobody/twin");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.bodyAsJsonObject().getString("message")).contains("chg-vd-nobody");
        JsonObject unseen = twin(ampere, amperes);
        assertThat(unseen.fieldNames()).as("nothing seen of it yet: its id and type")
                .doesNotContain("lastSeenAt", "status", "telemetry", "connection", "lastEvent", "lastError");
        assertThat(unseen.getString("type")).isEqualTo("charger");

        JsonObject withoutCases = twin.copy();
        withoutCases.remove("openAlerts");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(onTwinTopic(twinned))
                .as("the record on anju.twin is the twin the API answers").isEqualTo(withoutCases));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(metricsText())
                .contains("anju_cases_twin_records_total{result=\"applied\"}")
                .contains("anju_cases_twin_records_total{result=\"unknown_device\"}")
                .contains("anju_cases_twin_published_total{value=\"twin\"}")
                .contains("anju_cases_twin_devices")
                .contains("anju_cases_twin_publish_lag_seconds_count"));
        JsonObject health = await(WebClient.create(vertx).get(server.httpPort(), "127.0.0.1", "/health").send())
                .bodyAsJsonObject();
        assertThat(health.getJsonObject("checks").getString("twin")).isEqualTo("up");
        assertThat(valuesOnTwinTopic("chg-vd-unregistered-twin")).as("an id the registry does not know").isEmpty();

        server.close();
        server = CasesServer.start(config);
        district = signIn("district");
        volta = signIn("volta");
        ampere = signIn("ampere");
        assertThat(twin(volta, twinned)).as("answered from anju.twin before any new stream record").isEqualTo(twin);
    }

    @Test
    void aDeviceThatLeftTheRegistryIsTombstonedOnTheTwinTopic() throws Exception {
        Device template = registry.devicesOfType(DeviceType.CHARGER).get(10);
        Device leaving = new Device("chg-vd-leaving", DeviceType.CHARGER, template.location(), template.secretHash(),
                true, template.charger(), null, null, null, null);
        RegistryDocument doc = registry.document();
        Registry withIt = new Registry(new RegistryDocument(doc.version(), doc.seed(), doc.note(), doc.subDistricts(),
                doc.communities(), doc.grids(), doc.compounds(), doc.zones(),
                Stream.concat(doc.devices().stream(), Stream.of(leaving)).toList()));
        AtomicReference<Registry> live = new AtomicReference<>(withIt);
        // A keeper of its own (its own group) that knows the device; the service's does not, so it never writes it.
        try (TwinKeeper keeper = new TwinKeeper(IntakeSettings.defaults(kafka.bootstrapServers())
                .withGroupId("device-registry-it-twin"), Duration.ofMillis(200), live::get, new SimpleMeterRegistry(),
                Clock.systemUTC())) {
            keeper.start();
            long t = System.currentTimeMillis();
            produce(Topics.STATUS, envelope(leaving, Channel.STATUS, t, new JsonObject().put("state", "online")));
            await().atMost(PATIENCE).until(() -> valuesOnTwinTopic(leaving.id()), v -> v.size() == 1 && v.get(0) != null);

            live.set(registry);
            List<String> values = await().atMost(PATIENCE).until(() -> valuesOnTwinTopic(leaving.id()),
                    v -> v.size() == 2);
            assertThat(values.get(1)).as("a tombstone").isNull();
            assertThat(keeper.twin(leaving.id())).isEmpty();
        }
    }

    private static Envelope envelope(Device d, Channel channel, long receivedAt, JsonObject payload) throws Exception {
        return new Envelope(d.id(), d.type(), channel, receivedAt - 20, receivedAt, receivedAt, "gw-1", false,
                d.location(), Json.tree(payload.toBuffer().getBytes()));
    }

    /** As the gateway writes them: keyed by device id, the envelope's JSON. */
    private static void produce(String topic, Envelope e) throws Exception {
        producer.send(new ProducerRecord<>(topic, e.deviceId().getBytes(StandardCharsets.UTF_8), Json.toBytes(e)))
                .get();
    }

    private static JsonObject twin(ApiClient caller, String deviceId) throws Exception {
        HttpResponse<Buffer> r = caller.get("/api/v1/devices/" + deviceId + "/twin");
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return r.bodyAsJsonObject();
    }

    /** The device's latest record on anju.twin (null: none), read from the beginning to the end. */
    private static JsonObject onTwinTopic(String deviceId) {
        List<String> values = valuesOnTwinTopic(deviceId);
        return values.isEmpty() || values.get(values.size() - 1) == null ? null
                : new JsonObject(values.get(values.size() - 1));
    }

    /** The device's records on anju.twin in order, a tombstone as null. */
    private static List<String> valuesOnTwinTopic(String deviceId) {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            List<TopicPartition> partitions = c.partitionsFor(Topics.TWIN).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            List<String> values = new ArrayList<>();
            while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    if (deviceId.equals(r.key())) {
                        values.add(r.value());
                    }
                }
            }
            return values;
        }
    }

    private static String firstExcerpt(JsonObject diagnostics) {
        JsonArray rejections = diagnostics.getJsonArray("rejections");
        return rejections.isEmpty() ? null : rejections.getJsonObject(0).getString("excerpt");
    }

    private static DiagnosticEvent event(long ts, String deviceId, DiagnosticKind kind, String code, String reason,
                                         String topic, String excerpt) {
        return new DiagnosticEvent(ts, "gw-1", deviceId, kind, code, reason, "5", "10.0.0.7:50412",
                kind == DiagnosticKind.CONNECTED ? 60 : null, topic, excerpt,
                excerpt == null ? null : excerpt.getBytes(StandardCharsets.UTF_8).length);
    }

    /** As the gateway writes them: keyed by device id, the record's JSON. */
    private static void send(DiagnosticEvent e) throws Exception {
        producer.send(record(e.deviceId(), Json.toBytes(e))).get();
    }

    private static ProducerRecord<byte[], byte[]> record(String key, byte[] value) {
        return new ProducerRecord<>(Topics.DIAGNOSTICS, key.getBytes(StandardCharsets.UTF_8), value);
    }

    private static JsonObject diagnostics(ApiClient caller, String deviceId) throws Exception {
        HttpResponse<Buffer> r = caller.get("/api/v1/devices/" + deviceId + "/diagnostics");
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return r.bodyAsJsonObject();
    }

    private static List<String> kinds(JsonArray events) {
        return events.stream().map(o -> ((JsonObject) o).getString("kind")).toList();
    }

    private static List<String> ids(HttpResponse<Buffer> list) {
        assertThat(list.statusCode()).as(list.bodyAsString()).isEqualTo(200);
        return list.bodyAsJsonArray().stream().map(o -> ((JsonObject) o).getString("id")).toList();
    }

    private static long rowsOf(String deviceId) throws Exception {
        try (Connection c = server.database().jdbc();
             PreparedStatement s = c.prepareStatement("select count(*) from device_diagnostics where device_id = ?")) {
            s.setString(1, deviceId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static String metricsText() throws Exception {
        return await(WebClient.create(vertx).get(server.httpPort(), "127.0.0.1", "/metrics").send()).bodyAsString();
    }

    /** The CSV import's tests, on this class's server. */
    @Nested
    class CsvImport extends DeviceCsvImportTests {
    }

    private static String percentiles(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return "p50 " + sorted.get(sorted.size() / 2) + " ms, p99 " + sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1)
                + " ms, max " + sorted.get(sorted.size() - 1) + " ms over " + sorted.size() + " samples";
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
