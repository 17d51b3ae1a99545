package io.anju.cases.diagnostics;

import io.anju.cases.run.CasesConfig;
import io.anju.cases.run.CasesServer;
import io.anju.cases.testing.ApiClient;
import io.anju.common.diagnostics.DiagnosticEvent;
import io.anju.common.diagnostics.DiagnosticKind;
import io.anju.common.json.Json;
import io.anju.common.model.Compound;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryWriter;
import io.anju.common.registry.generate.GeneratorOptions;
import io.anju.common.registry.generate.RegistryGenerator;
import io.anju.common.topic.Topics;
import io.anju.kafka.EmbeddedKafka;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.anju.cases.testing.ApiClient.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A vendor's view of their devices in the assembled case service, on real PostgreSQL and Kafka: diagnostics the
 * gateway writes to {@code anju.diagnostics} become readable through GET /api/v1/devices/{id}/diagnostics for the
 * device's vendor and the district, with the device's command outcomes; another vendor gets 404 as for an unknown id;
 * the store keeps only the latest records per device; produce-to-visible latency is logged.
 */
class DeviceDiagnosticsIT {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceDiagnosticsIT.class);
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String PASSWORD = "correct horse battery";
    private static final String VOLTA = "chg-vd-volta";
    private static final String AMPERE = "chg-vd-ampere";
    private static final String FLOOD = "chg-vd-flood";
    private static final String TIMED = "chg-vd-timed";

    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;
    static Vertx vertx;
    static CasesServer server;
    static KafkaProducer<byte[], byte[]> producer;
    static ApiClient district;
    static ApiClient volta;
    static ApiClient ampere;
    static ApiClient worker;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
        Registry registry = new Registry(RegistryGenerator.generate(new GeneratorOptions(2020, true, 0)).document());
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
        await(server.users().add("volta", "vendor", "Volta", PASSWORD, null));
        await(server.users().add("ampere", "vendor", "Ampere", PASSWORD, null));
        await(server.users().add("worker", "grid_worker", registry.grids().iterator().next().id(), PASSWORD, null));
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        vertx = Vertx.vertx();
        district = signIn("district");
        volta = signIn("volta");
        ampere = signIn("ampere");
        worker = signIn("worker");
        Compound compound = registry.compounds().stream().filter(Compound::chargers).findFirst().orElseThrow();
        for (String id : List.of(VOLTA, FLOOD, TIMED)) {
            addCharger(id, "Volta", compound);
        }
        addCharger(AMPERE, "Ampere", compound);
    }

    @AfterAll
    static void stop() throws Exception {
        if (producer != null) {
            producer.close();
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
    void aVendorReadsTheConnectionsRejectionsAndCommandsOfTheirDevice() throws Exception {
        long t = System.currentTimeMillis();
        send(event(t, VOLTA, DiagnosticKind.REFUSED, "bad_credentials", "wrong secret", null, null));
        send(event(t + 1, VOLTA, DiagnosticKind.CONNECTED, null, null, null, null));
        send(event(t + 2, VOLTA, DiagnosticKind.PAYLOAD_REJECTED, "bad_value",
                "telemetry.ports[3].powerW: -12.5 is below 0", "anju/v1/charger/" + VOLTA + "/telemetry",
                "{\"ports\":[{\"port\":3,\"powerW\":-12.5}]}"));
        send(event(t + 3, VOLTA, DiagnosticKind.PUBLISH_REFUSED, "not_authorized", "not your topic",
                "anju/v1/charger/" + AMPERE + "/telemetry", null));
        send(event(t + 4, VOLTA, DiagnosticKind.DISCONNECTED, "keep_alive_timeout", "no packet for 90 s", null, null));
        // The gateway's delivery report of a stop sent to the device (as CommandOutcomeIntakeIT sends them).
        producer.send(new ProducerRecord<>(Topics.COMMAND_RESULTS, VOLTA.getBytes(StandardCharsets.UTF_8),
                new JsonObject().put("kind", "delivery").put("commandId", "cmd-vd-1").put("alertId", "alert-vd-1")
                        .put("outcome", "delivered").put("deviceId", VOLTA).put("action", "stop_port").put("port", 3)
                        .put("gateway", "gw-1").put("at", t + 5).encode().getBytes(StandardCharsets.UTF_8))).get();

        JsonObject seen = await().atMost(PATIENCE).until(() -> diagnostics(volta, VOLTA),
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

        assertThat(diagnostics(district, VOLTA)).as("the district sees what the vendor sees").isEqualTo(seen);
    }

    @Test
    void aVendorSeesOnlyTheirOwnDevicesAndAnotherVendorsIsNotFoundLikeAnUnknownOne() throws Exception {
        assertThat(ids(volta.get("/api/v1/devices"))).containsExactly(FLOOD, TIMED, VOLTA);
        assertThat(ids(ampere.get("/api/v1/devices"))).containsExactly(AMPERE);
        assertThat(volta.get("/api/v1/devices/" + VOLTA).bodyAsJsonObject().getJsonObject("installation")
                .getString("vendor")).isEqualTo("Volta");

        for (String path : List.of("/api/v1/devices/" + VOLTA, "/api/v1/devices/" + VOLTA + "/diagnostics")) {
            HttpResponse<Buffer> other = ampere.get(path);
            HttpResponse<Buffer> unknown = ampere.get(path.replace(VOLTA, "chg-vd-nobody"));
            assertThat(other.statusCode()).as(path).isEqualTo(404);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(other.bodyAsJsonObject().getString("reason")).isEqualTo("no_such_device")
                    .isEqualTo(unknown.bodyAsJsonObject().getString("reason"));
        }
        assertThat(district.get("/api/v1/devices/" + AMPERE + "/diagnostics").statusCode()).isEqualTo(200);

        HttpResponse<Buffer> change = volta.post("/api/v1/devices/" + VOLTA + "/disable", new JsonObject());
        assertThat(change.statusCode()).isEqualTo(403);
        assertThat(change.bodyAsJsonObject().getString("reason")).isEqualTo("devices_district_only");
        assertThat(volta.get("/api/v1/device-changes").statusCode()).isEqualTo(403);
        assertThat(worker.get("/api/v1/devices/" + VOLTA + "/diagnostics").statusCode()).isEqualTo(403);
    }

    @Test
    void theStoreKeepsOnlyTheLatestConnectionsAndRejectionsOfADevice() throws Exception {
        long t = System.currentTimeMillis();
        int connections = DiagnosticsStore.CONNECTIONS_KEPT + 30;
        int rejections = DiagnosticsStore.REJECTIONS_KEPT + 20;
        for (int i = 0; i < connections; i++) {
            producer.send(record(FLOOD, Json.toBytes(new DiagnosticEvent(t + i, "gw-1", FLOOD,
                    DiagnosticKind.CONNECTED, null, null, "5", "10.0.0.9:" + i, 60, null, null, null))));
        }
        for (int i = 0; i < rejections; i++) {
            producer.send(record(FLOOD, Json.toBytes(event(t + i, FLOOD, DiagnosticKind.PAYLOAD_REJECTED, "bad_json",
                    "not JSON", "anju/v1/charger/" + FLOOD + "/telemetry", "r" + i))));
        }
        // Neither kept nor in the way: an id the registry does not know, and a record that does not parse.
        producer.send(record("chg-vd-unregistered", Json.toBytes(event(t, "chg-vd-unregistered",
                DiagnosticKind.REFUSED, "bad_credentials", "unknown device", null, null))));
        producer.send(record(FLOOD, "{not json".getBytes(StandardCharsets.UTF_8)));
        producer.flush();

        JsonObject seen = await().atMost(PATIENCE).until(() -> diagnostics(volta, FLOOD), d ->
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
        assertThat(rowsOf(FLOOD)).as("pruned in the table, not only cut in the answer")
                .isEqualTo(DiagnosticsStore.CONNECTIONS_KEPT + DiagnosticsStore.REJECTIONS_KEPT);
        assertThat(rowsOf("chg-vd-unregistered")).isZero();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(metrics())
                .contains("anju_cases_diagnostics_records_total{result=\"unknown_device\"}")
                .contains("anju_cases_diagnostics_records_total{result=\"unreadable\"}"));
        assertThat(metrics()).contains("anju_cases_diagnostics_pruned_total");
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
            send(event(System.currentTimeMillis(), TIMED, DiagnosticKind.PAYLOAD_REJECTED, "bad_value", "out of range",
                    "anju/v1/charger/" + TIMED + "/telemetry", marker));
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(2)).until(() -> marker.equals(
                    firstExcerpt(diagnostics(volta, TIMED))));
            millis.add((System.nanoTime() - sent) / 1_000_000);
        }
        List<Long> sorted = millis.stream().sorted().toList();
        LOG.info("rejected payload produced to {} -> visible through GET /api/v1/devices/{{id}}/diagnostics: p50 {} ms, "
                        + "p99 {} ms, max {} ms over {} records", Topics.DIAGNOSTICS, sorted.get(sorted.size() / 2),
                sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1), sorted.get(sorted.size() - 1), sorted.size());
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

    private static String metrics() throws Exception {
        return await(WebClient.create(vertx).get(server.httpPort(), "127.0.0.1", "/metrics").send()).bodyAsString();
    }

    private static void addCharger(String id, String vendor, Compound compound) throws Exception {
        HttpResponse<Buffer> added = district.post("/api/v1/devices", new JsonObject()
                .put("id", id).put("type", "charger").put("compoundId", compound.id())
                .put("charger", new JsonObject().put("ports", 10).put("portLimitW", 1000).put("stationRefuseW", 5500)
                        .put("stationLimitW", 6000))
                .put("installation", new JsonObject().put("vendor", vendor).put("model", "EB-10")
                        .put("firmware", "2.1.0").put("installedOn", "2026-12-01")));
        assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
    }

    private static ApiClient signIn(String name) throws Exception {
        WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.httpPort()));
        return ApiClient.signIn(client, name, PASSWORD);
    }
}
