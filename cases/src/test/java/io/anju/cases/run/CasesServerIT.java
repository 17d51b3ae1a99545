package io.anju.cases.run;

import io.anju.cases.notify.WebhookSignature;
import io.anju.cases.testing.ApiClient;
import io.anju.cases.testing.ShiftableClock;
import io.anju.cases.testing.WebhookReceiver;
import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertFact;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.common.json.Json;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.LocationChain;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryWriter;
import io.anju.common.topic.Topics;
import io.anju.kafka.EmbeddedKafka;
import io.anju.registry.generate.GeneratorOptions;
import io.anju.registry.generate.RegistryGenerator;
import io.anju.testsupport.SelfSignedPem;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.anju.cases.testing.ApiClient.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole case service as {@code ./anju cases} runs it — real Kafka, real PostgreSQL under a data directory, the
 * HTTP API, supervision on its timer, a signed webhook — fed with alert records as the stream jobs write them.
 * The service's clock is controllable, so deadlines and escalation are driven by the test, and the service is
 * restarted on its data directory half-way.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CasesServerIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String SECRET = "a-webhook-secret-for-tests";
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;
    static Vertx vertx;
    static WebhookReceiver receiver;
    static KafkaProducer<byte[], byte[]> producer;
    static Registry registry;
    static Path registryFile;
    static ShiftableClock clock;
    static CasesServer server;
    static Device charger;
    static Device otherCharger;
    static long walkedCase;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
        registry = new Registry(RegistryGenerator.generate(new GeneratorOptions(2020, true, 0)).document());
        registryFile = dir.resolve("registry.json");
        RegistryWriter.write(registryFile, registry.document());
        List<Device> chargers = registry.devicesOfType(DeviceType.CHARGER);
        charger = chargers.get(0);
        otherCharger = chargers.stream()
                .filter(d -> !d.location().gridId().equals(charger.location().gridId())).findFirst().orElseThrow();
        vertx = Vertx.vertx();
        receiver = await(new WebhookReceiver().start(vertx));
        producer = kafka.producer();
        clock = new ShiftableClock();
        server = CasesServer.start(config(), clock);
        addUser("worker", "grid_worker", charger.location().gridId());
        addUser("other.worker", "grid_worker", otherCharger.location().gridId());
        addUser("community", "community_operator", charger.location().communityId());
        addUser("manager", "property_manager", charger.location().compoundId());
        addUser("district", "district_operator", "lianhu");
    }

    private static CasesConfig config() {
        return config(Map.of());
    }

    private static CasesConfig config(Map<String, String> more) {
        Map<String, String> s = new HashMap<>(more);
        s.put("http.host", "127.0.0.1");
        s.put("http.port", "0");
        s.put("registry.file", registryFile.toString());
        s.put("data.dir", dir.resolve("data").toString());
        s.put("kafka.bootstrap", kafka.bootstrapServers());
        s.put("supervision.interval", "200ms");
        s.put("auth.passwordIterations", "10000");
        s.put("notify.webhook.url", receiver.url("/flaky"));
        s.put("notify.webhook.secret", SECRET);
        s.put("webhook.initialBackoff", "50ms");
        s.put("webhook.maxBackoff", "200ms");
        return CasesConfig.of(s);
    }

    private static void addUser(String name, String role, String scope) throws Exception {
        await(server.users().add(name, role, scope, PASSWORD, null));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        producer.close();
        await(receiver.close());
        await(vertx.close());
        kafka.close();
    }

    @Test
    @Order(1)
    void anAlertBecomesOneCaseAtItsGrid_andTheRightRolesTakeItThroughEveryStep() throws Exception {
        Instant t0 = clock.instant().minusSeconds(30);
        int port = 3;
        send(portOverload(charger, port, Severity.ORANGE, AlertStatus.RAISED, 1, t0));
        send(portOverload(charger, port, Severity.RED, AlertStatus.UPDATED, 2, t0));
        send(portOverload(charger, port, Severity.RED, AlertStatus.UPDATED, 2, t0)); // redelivered

        ApiClient worker = signIn("worker");
        JsonObject listed = await().atMost(PATIENCE).until(() -> casesOf(worker, "port_overload"), l -> l.size() == 1
                && "red".equals(l.getJsonObject(0).getString("severity"))).getJsonObject(0);
        walkedCase = listed.getLong("id");
        assertThat(listed.getJsonObject("location").getString("gridId")).isEqualTo(charger.location().gridId());
        assertThat(listed.getString("department")).isEqualTo("property");
        JsonObject detail = worker.get("/api/v1/cases/" + walkedCase).bodyAsJsonObject();
        assertThat(detail.getJsonObject("case").getJsonArray("evidence")).isNotEmpty();

        ApiClient other = signIn("other.worker");
        ApiClient community = signIn("community");
        ApiClient manager = signIn("manager");
        assertThat(other.get("/api/v1/cases/" + walkedCase).statusCode()).as("another grid's worker").isEqualTo(404);
        assertThat(other.act(walkedCase, "verify").statusCode()).isEqualTo(404);

        step(worker, "verify", null);
        assertThat(worker.act(walkedCase, "analyse").statusCode()).as("a grid worker does not analyse").isEqualTo(403);
        step(community, "analyse", null);
        step(community, "dispatch", null);
        step(manager, "start", null);
        assertThat(manager.act(walkedCase, "close").statusCode()).as("a manager does not close").isEqualTo(403);
        step(manager, "submit_feedback", new JsonObject().put("note", "port 3 isolated, heater removed"));
        step(community, "close", null);
        step(community, "evaluate", new JsonObject().put("score", 5));

        JsonObject done = community.get("/api/v1/cases/" + walkedCase).bodyAsJsonObject();
        assertThat(done.getJsonObject("case").getString("state")).isEqualTo("evaluated");
        JsonArray history = done.getJsonArray("history");
        assertThat(history.stream().map(e -> ((JsonObject) e).getString("toState")).filter(s -> s != null).toList())
                .containsSubsequence("verified", "analysed", "dispatched", "in_handling", "feedback_submitted",
                        "closed", "evaluated");
        assertThat(history.stream().map(e -> ((JsonObject) e).getString("actor")).toList())
                .contains("worker", "community", "manager");

        // The webhook got the opening notice signed, despite its receiver failing the first two attempts.
        await().atMost(PATIENCE).until(() -> receiver.requests("/flaky").stream()
                .anyMatch(r -> "opened".equals(r.header("X-Anju-Event")) && receiver.acceptedKeys().contains(r.header("Idempotency-Key"))));
        WebhookReceiver.Request opened = receiver.requests("/flaky").stream()
                .filter(r -> "opened".equals(r.header("X-Anju-Event"))).reduce((a, b) -> b).orElseThrow();
        assertThat(WebhookSignature.verify(SECRET, opened.header("X-Anju-Signature"), opened.header("X-Anju-Timestamp"),
                opened.body(), Instant.now(), Duration.ofMinutes(5))).isTrue();
        assertThat(receiver.requests("/flaky").stream().filter(r -> r.header("Idempotency-Key")
                .equals(opened.header("Idempotency-Key"))).count()).as("two refusals, then accepted").isEqualTo(3);

        // Each attempt is on record, for those who may see the case.
        JsonArray attempts = await().atMost(PATIENCE).until(() -> worker.get("/api/v1/cases/" + walkedCase
                        + "/deliveries").bodyAsJsonObject().getJsonArray("items"),
                items -> items.stream().anyMatch(a -> "delivered".equals(((JsonObject) a).getString("outcome"))
                        && "opened".equals(((JsonObject) a).getString("kind"))));
        List<JsonObject> openedOnWebhook = attempts.stream().map(a -> (JsonObject) a)
                .filter(a -> "webhook".equals(a.getString("channel")) && "opened".equals(a.getString("kind"))).toList();
        assertThat(openedOnWebhook).extracting(a -> a.getInteger("attempt")).containsExactly(1, 2, 3);
        assertThat(openedOnWebhook).extracting(a -> a.getString("outcome")).containsExactly("retry", "retry", "delivered");
        assertThat(openedOnWebhook).extracting(a -> a.getInteger("httpStatus")).containsExactly(503, 503, 200);
        assertThat(openedOnWebhook.get(0).getString("error")).isEqualTo("HTTP 503 from the webhook receiver");
        assertThat(other.get("/api/v1/cases/" + walkedCase + "/deliveries").statusCode())
                .as("another grid's worker").isEqualTo(404);
    }

    @Test
    @Order(2)
    void everyKindOfSourceIsRoutedToItsGrid() throws Exception {
        Instant t0 = clock.instant().minusSeconds(10);
        CrowdZone zone = registry.document().zones().get(0);
        Device gate = registry.devicesOfType(DeviceType.GATE).get(0);
        Device camera = registry.devicesOfType(DeviceType.CAMERA).stream()
                .filter(d -> d.camera() != null && d.camera().building() != null).findFirst().orElseThrow();
        Device station = registry.devicesOfType(DeviceType.CHARGER).get(5);
        LocationChain zoneChain = new LocationChain(null, null, null, null, zone.id());
        List<Alert> alerts = List.of(
                portOverload(otherCharger, 1, Severity.ORANGE, AlertStatus.RAISED, 1, t0),
                alert(AlertType.DEVICE_OFFLINE, SourceKind.DEVICE, gate.id(), gate.id(), gate.location(), t0),
                alert(AlertType.EBIKE_IN_ELEVATOR, SourceKind.BUILDING, camera.camera().building(), camera.id(),
                        camera.location(), t0),
                alert(AlertType.FIRE_RISK, SourceKind.COMPOUND, station.location().compoundId(), station.id(),
                        station.location(), t0),
                alert(AlertType.CROWD_DENSITY, SourceKind.ZONE, zone.id(), null, zoneChain, t0));
        alerts.forEach(CasesServerIT::send);

        ApiClient district = signIn("district");
        for (Alert a : alerts) {
            String expectedGrid = a.sourceKind() == SourceKind.ZONE ? zone.gridId() : a.location().gridId();
            JsonObject c = await().atMost(PATIENCE).until(() -> caseOfKey(district, a), java.util.Objects::nonNull);
            assertThat(c.getJsonObject("location").getString("gridId")).as(a.dedupKey()).isEqualTo(expectedGrid);
            assertThat(c.getString("assignedLevel")).isEqualTo("grid");
            assertThat(c.getString("assignedUnit")).isEqualTo(expectedGrid);
        }
    }

    @Test
    @Order(3)
    void anOverdueCaseIsRemindedThenEscalated_andDeadlinesSurviveARestart() throws Exception {
        Instant t0 = clock.instant();
        Alert raised = portOverload(charger, 7, Severity.RED, AlertStatus.RAISED, 1, t0);
        send(raised);
        ApiClient community = signIn("community");
        long id = await().atMost(PATIENCE).until(() -> caseOfKey(community, raised), java.util.Objects::nonNull)
                .getLong("id");
        step(community, id, "verify", null);
        step(community, id, "analyse", null);
        step(community, id, "dispatch", null);
        Instant deadline = Instant.parse(community.get("/api/v1/cases/" + id).bodyAsJsonObject()
                .getJsonObject("case").getString("deadlineAt"));
        assertThat(Duration.between(clock.instant(), deadline)).as("red charger case: 1 h").isLessThanOrEqualTo(Duration.ofHours(1));

        clock.jumpTo(deadline.plusSeconds(1));
        await().atMost(PATIENCE).until(() -> kinds(community, id).contains("reminder"));
        assertThat(caseOf(community, id).getBoolean("overdue")).isTrue();
        assertThat(caseOf(community, id).getString("assignedLevel")).isEqualTo("grid");

        clock.jumpTo(deadline.plus(Duration.ofMinutes(30)).plusSeconds(1));
        await().atMost(PATIENCE).until(() -> "community".equals(caseOf(community, id).getString("assignedLevel")));
        assertThat(caseOf(community, id).getString("assignedUnit")).isEqualTo(charger.location().communityId());
        await().atMost(PATIENCE).until(() -> receiver.requests("/flaky").stream()
                .anyMatch(r -> "escalated".equals(r.header("X-Anju-Event"))));

        server.close();
        server = CasesServer.start(config(), clock);
        ApiClient again = signIn("community");
        assertThat(caseOf(again, id).getString("deadlineAt")).isEqualTo(deadline.toString());
        clock.jumpTo(deadline.plus(Duration.ofMinutes(60)).plusSeconds(1));
        await().atMost(PATIENCE).until(() -> "sub_district".equals(caseOf(again, id).getString("assignedLevel")));
        Thread.sleep(1_000); // a few more supervision runs at the same instant
        assertThat(kinds(again, id).stream().filter("escalated"::equals).count()).as("each level once").isEqualTo(2);
    }

    @Test
    @Order(4)
    void aBlueCrowdWarningIsAWatchItemInTheQueueThatPeopleMayPromote() throws Exception {
        CrowdZone zone = registry.document().zones().get(1);
        Alert blue = crowdForecast(zone, Severity.BLUE, clock.instant().minusSeconds(20));
        send(blue);
        ApiClient district = signIn("district");
        JsonObject watched = await().atMost(PATIENCE).until(() -> {
            JsonArray items = district.get("/api/v1/cases?state=watching&limit=500").bodyAsJsonObject()
                    .getJsonArray("items");
            return items.stream().map(o -> (JsonObject) o).filter(o -> blue.dedupKey().equals(o.getString("dedupKey")))
                    .findFirst().orElse(null);
        }, java.util.Objects::nonNull);
        assertThat(watched.getString("state")).isEqualTo("watching");
        assertThat(watched.getString("response")).isEqualTo("watch");
        assertThat(watched.containsKey("dispatchDueAt")).as("no dispatch limit").isFalse();
        long id = watched.getLong("id");
        JsonObject detail = district.get("/api/v1/cases/" + id).bodyAsJsonObject();
        assertThat(detail.getJsonArray("allowedActions").getList()).containsExactlyInAnyOrder("promote", "void");

        var refused = district.post("/api/v1/cases/" + id + "/transitions", new JsonObject().put("action", "verify"));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.bodyAsJsonObject().getString("detail"))
                .isEqualTo("cannot verify a case that is watching; allowed from [collected]");
        assertThat(refused.bodyAsJsonObject().getString("message")).isEqualTo("案件当前为“观察中”，不能核实");

        Instant promotedAt = clock.instant();
        step(district, id, "promote", new JsonObject().put("note", "the street is filling fast"));
        JsonObject promoted = caseOf(district, id);
        assertThat(promoted.getString("state")).isEqualTo("collected");
        assertThat(promoted.getString("response")).isEqualTo("case");
        assertThat(Duration.between(promotedAt, Instant.parse(promoted.getString("dispatchDueAt"))))
                .as("the crowd dispatch limit, counted from the promotion")
                .isBetween(Duration.ofMinutes(3), Duration.ofMinutes(3).plusSeconds(5));
        assertThat(kinds(district, id)).containsExactly("created", "promoted");
    }

    @Test
    @Order(5)
    void aCaseFromAnAlertOnKafkaReadsInChineseByDefaultAndInEnglishOnRequest_soDoItsHistoryAndItsErrors()
            throws Exception {
        Instant t0 = clock.instant().minusSeconds(20);
        String compoundName = registry.compound(charger.location().compoundId()).orElseThrow().name();
        Alert raised = fireRisk(charger, 2, Severity.ORANGE, AlertStatus.RAISED, 1, t0, 58.5, 3.1);
        send(raised);
        send(fireRisk(charger, 2, Severity.RED, AlertStatus.UPDATED, 2, t0, 66.2, 6.4));

        ApiClient chinese = signIn("worker");
        ApiClient english = chinese.withAcceptLanguage("en-GB,en;q=0.9,zh;q=0.5");
        JsonObject listed = await().atMost(PATIENCE).until(() -> caseOfKey(chinese, raised),
                c -> c != null && "red".equals(c.getString("severity")));
        long id = listed.getLong("id");

        assertThat(listed.getString("title")).as("Chinese by default")
                .isEqualTo(compoundName + "充电站 " + charger.id() + " 火灾风险（2号端口）");
        JsonObject zh = chinese.get("/api/v1/cases/" + id).bodyAsJsonObject();
        assertThat(zh.getJsonObject("case").getString("description"))
                .contains("温度 66.2 °C（过温线 65 °C）", "升温 6.4 °C/分钟（阈值 2 °C/分钟）", "建议：切断该端口电源");
        assertThat(zh.getJsonArray("history").getJsonObject(0).getString("note"))
                .as("the created entry in the facts of its own revision").contains("温度 58.5 °C");

        JsonObject enListed = caseOfKey(english, raised);
        assertThat(enListed.getString("title"))
                .isEqualTo("Fire risk at charging station " + charger.id() + " (port 2) at " + compoundName);
        JsonObject en = english.get("/api/v1/cases/" + id).bodyAsJsonObject();
        assertThat(en.getJsonObject("case").getString("description")).contains("temperature 66.2 °C",
                "over-temperature line 65 °C", "rising 6.4 °C/min (threshold 2 °C/min)", "Recommended: stop the port");
        assertThat(en.getJsonArray("history").stream().map(e -> ((JsonObject) e).getString("note")).toList())
                .as("the system's entries in English too").anySatisfy(n -> assertThat(n).contains("temperature 58.5 °C"))
                .anySatisfy(n -> assertThat(n).contains("temperature 66.2 °C"));
        assertThat(chinese.get("/api/v1/cases/" + id + "?lang=en").bodyAsJsonObject().getJsonObject("case")
                .getString("title")).as("?lang= also asks").startsWith("Fire risk at charging station");
        assertThat(en.getJsonObject("case").getJsonArray("alertFacts").stream()
                .map(f -> ((JsonObject) f).getString("name")).toList()).containsExactly("tempC", "riseCPerMin");

        // The same refusal, in each reader's language, with the same stable codes.
        var refusedZh = chinese.act(id, "dispatch");
        var refusedEn = english.act(id, "dispatch");
        assertThat(List.of(refusedZh.statusCode(), refusedEn.statusCode())).containsOnly(403);
        assertThat(refusedZh.bodyAsJsonObject().getString("error")).isEqualTo("forbidden");
        assertThat(refusedEn.bodyAsJsonObject().getString("error")).isEqualTo("forbidden");
        assertThat(refusedEn.bodyAsJsonObject().getString("reason")).isEqualTo("role_may_not");
        assertThat(refusedZh.bodyAsJsonObject().getString("message")).isEqualTo("网格员无权派遣案件");
        assertThat(refusedEn.bodyAsJsonObject().getString("message")).isEqualTo("A grid worker may not dispatch a case");
        assertThat(english.get("/api/v1/cases/987654321").bodyAsJsonObject().getString("message"))
                .isEqualTo("No case 987654321 (or not in your scope)");
        assertThat(chinese.get("/api/v1/cases/987654321").bodyAsJsonObject().getString("message"))
                .isEqualTo("未找到案件 987654321（或不在您的范围内）");
    }

    /** A station's fire risk with the facts the fire detector writes: the port's temperature and its rise. */
    private static Alert fireRisk(Device d, int port, Severity severity, AlertStatus status, int revision,
                                  Instant first, double tempC, double risePerMin) {
        String key = Alert.dedupKey(AlertType.FIRE_RISK, d.id());
        long ts = first.toEpochMilli();
        return new Alert(Alert.idFor(key, ts), key, AlertType.FIRE_RISK, severity, status, revision, SourceKind.DEVICE,
                d.id(), d.id(), port, d.location(), ts, ts + revision * 1000L, clock.instant().toEpochMilli(),
                "Fire risk at charging station " + d.id() + ": port " + port + " at " + tempC + " °C", "stop_port",
                List.of(Evidence.portReading(ts + revision * 1000L, d.id(), port, "tempC", tempC, "°C")),
                List.of(AlertFact.against("tempC", tempC, "°C", 65), AlertFact.against("riseCPerMin", risePerMin,
                        "°C/min", 2)));
    }

    private static Alert crowdForecast(CrowdZone zone, Severity severity, Instant first) {
        String key = Alert.dedupKey(AlertType.CROWD_FORECAST, zone.id());
        long ts = first.toEpochMilli();
        return new Alert(Alert.idFor(key, ts), key, AlertType.CROWD_FORECAST, severity, AlertStatus.RAISED, 1,
                SourceKind.ZONE, zone.id(), null, null, new LocationChain(null, null, null, null, zone.id()), ts, ts,
                clock.instant().toEpochMilli(), "crowd forecast at " + zone.id(), null, List.of());
    }

    /**
     * {@code http.tls.*}: the same service on the same data over HTTPS, with a self-signed certificate made here;
     * its answers carry the security headers, and {@code metrics.token} guards /metrics.
     */
    @Test
    @Order(6)
    void servedOverHttps_withTheSecurityHeaders_andMetricsForTheTokensHolder() throws Exception {
        SelfSignedPem pem = SelfSignedPem.generate(dir, "cases-tls");
        String metricsToken = "cases-metrics-token-0123";
        server.close();
        server = CasesServer.start(config(Map.of("http.tls.certFile", pem.certFile().toString(),
                "http.tls.keyFile", pem.keyFile().toString(), "metrics.token", metricsToken)), clock);
        java.net.http.HttpClient https = java.net.http.HttpClient.newBuilder().sslContext(pem.trustingContext()).build();
        String base = "https://localhost:" + server.httpPort();

        java.net.http.HttpResponse<String> login = https.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(base + "/api/v1/auth/login")).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(new JsonObject().put("name", "worker")
                        .put("password", PASSWORD).encode())).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(login.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'none'").contains("frame-ancestors 'none'");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(login.headers().firstValue("Referrer-Policy")).contains("same-origin");

        java.net.http.HttpRequest.Builder metrics = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/metrics"));
        assertThat(https.send(metrics.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode())
                .as("no token, even from this host").isEqualTo(403);
        assertThat(https.send(metrics.header("Authorization", "Bearer " + metricsToken).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body()).contains("anju_cases_http_requests");
    }

    private static void step(ApiClient who, String action, JsonObject extra) throws Exception {
        step(who, walkedCase, action, extra);
    }

    private static void step(ApiClient who, long id, String action, JsonObject extra) throws Exception {
        JsonObject body = new JsonObject().put("action", action);
        if (extra != null) {
            body.mergeIn(extra);
        }
        var response = who.post("/api/v1/cases/" + id + "/transitions", body);
        assertThat(response.statusCode()).as(action + ": " + response.bodyAsString()).isEqualTo(200);
    }

    private static ApiClient signIn(String name) throws Exception {
        WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.httpPort()));
        return ApiClient.signIn(client, name, PASSWORD);
    }

    private static JsonArray casesOf(ApiClient who, String alertType) throws Exception {
        JsonArray items = who.get("/api/v1/cases?limit=500").bodyAsJsonObject().getJsonArray("items");
        return new JsonArray(items.stream().filter(o -> alertType.equals(((JsonObject) o).getString("alertType"))).toList());
    }

    private static JsonObject caseOfKey(ApiClient who, Alert a) throws Exception {
        JsonArray items = who.get("/api/v1/cases?limit=500").bodyAsJsonObject().getJsonArray("items");
        return items.stream().map(o -> (JsonObject) o).filter(o -> a.dedupKey().equals(o.getString("dedupKey")))
                .findFirst().orElse(null);
    }

    private static JsonObject caseOf(ApiClient who, long id) throws Exception {
        return who.get("/api/v1/cases/" + id).bodyAsJsonObject().getJsonObject("case");
    }

    private static List<String> kinds(ApiClient who, long id) throws Exception {
        return who.get("/api/v1/cases/" + id).bodyAsJsonObject().getJsonArray("history").stream()
                .map(e -> ((JsonObject) e).getString("kind")).toList();
    }

    private static void send(Alert a) {
        try {
            producer.send(new ProducerRecord<>(Topics.ALERTS, a.dedupKey().getBytes(StandardCharsets.UTF_8),
                    Json.toBytes(a))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Alert portOverload(Device d, int port, Severity severity, AlertStatus status, int revision, Instant first) {
        String source = Alert.portSourceId(d.id(), port);
        String key = Alert.dedupKey(AlertType.PORT_OVERLOAD, source);
        long ts = first.toEpochMilli();
        return new Alert(Alert.idFor(key, ts), key, AlertType.PORT_OVERLOAD, severity, status, revision, SourceKind.PORT,
                source, d.id(), port, d.location(), ts, ts + revision * 1000L, clock.instant().toEpochMilli(),
                "port " + port + " of " + d.id() + " above its limit", "stop_port",
                List.of(Evidence.portReading(ts + revision * 1000L, d.id(), port, "powerW", 1150 + revision * 50, "W")));
    }

    private static Alert alert(AlertType type, SourceKind kind, String sourceId, String deviceId, LocationChain where,
                               Instant first) {
        String key = Alert.dedupKey(type, sourceId);
        long ts = first.toEpochMilli();
        return new Alert(Alert.idFor(key, ts), key, type, Severity.YELLOW, AlertStatus.RAISED, 1, kind, sourceId,
                deviceId, null, where, ts, ts, clock.instant().toEpochMilli(), type.wireName() + " at " + sourceId, null,
                List.of());
    }
}
