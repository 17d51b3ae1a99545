package io.anju.dashboards.session;

import io.anju.cases.run.CasesConfig;
import io.anju.cases.run.CasesServer;
import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.common.json.Json;
import io.anju.common.topic.Topics;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.Installation;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryDocument;
import io.anju.common.registry.RegistryWriter;
import io.anju.dashboards.run.DashboardsConfig;
import io.anju.dashboards.run.DashboardsServer;
import io.anju.dashboards.testing.Http;
import io.anju.dashboards.testing.Places;
import io.anju.kafka.EmbeddedKafka;
import io.anju.testsupport.SelfSignedPem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in to the dashboards with the case system's users: the real case service (embedded PostgreSQL, its alert
 * intake on an embedded Kafka) behind the real dashboards service, spoken to over HTTP as a browser does.
 */
class SessionIT {
    private static final String PASSWORD = "correct horse battery";
    private static final String ACME = "Acme";

    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;
    static CasesServer cases;
    static DashboardsServer dashboards;
    static Http http;
    static Map<String, String> dashboardsSettings;
    static Registry registry = Places.registry();
    static Device charger;
    static Device otherCharger;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
        Path registryFile = dir.resolve("registry.json");
        List<Device> chargers = registry.devicesOfType(DeviceType.CHARGER);
        charger = chargers.get(0);
        otherCharger = chargers.stream()
                .filter(d -> !d.location().gridId().equals(charger.location().gridId())).findFirst().orElseThrow();
        RegistryWriter.write(registryFile, withVendors(registry.document()));

        Map<String, String> c = new HashMap<>();
        c.put("http.host", "127.0.0.1");
        c.put("http.port", "0");
        c.put("registry.file", registryFile.toString());
        c.put("data.dir", dir.resolve("cases").toString());
        c.put("kafka.bootstrap", kafka.bootstrapServers());
        c.put("auth.passwordIterations", "10000");
        cases = CasesServer.start(CasesConfig.of(c));
        add("worker", "grid_worker", charger.location().gridId(), "李网格");
        add("other.worker", "grid_worker", otherCharger.location().gridId(), null);
        add("district", "district_operator", "lianhu", null);
        add("pm", "property_manager", charger.location().compoundId(), null);
        add("other.pm", "property_manager", otherCharger.location().compoundId(), null);
        add("acme.support", "vendor", ACME, null);

        String casesUrl = "http://127.0.0.1:" + cases.httpPort();
        Map<String, String> d = new HashMap<>();
        d.put("http.host", "127.0.0.1");
        d.put("http.port", "0");
        d.put("registry.file", registryFile.toString());
        d.put("data.dir", dir.resolve("dashboards").toString());
        d.put("kafka.bootstrap", kafka.bootstrapServers());
        d.put("cases.url", casesUrl);
        d.put("metrics.gateway", "");
        d.put("metrics.jobs", "");
        d.put("metrics.cases", casesUrl + "/metrics");
        dashboardsSettings = Map.copyOf(d);
        dashboards = DashboardsServer.start(DashboardsConfig.of(d));
        http = new Http(dashboards.httpPort());
    }

    private static void add(String name, String role, String scope, String displayName) throws Exception {
        cases.users().add(name, role, scope, PASSWORD, displayName).toCompletionStage().toCompletableFuture().get();
    }

    @AfterAll
    static void stop() {
        if (dashboards != null) {
            dashboards.close();
        }
        if (cases != null) {
            cases.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void signingInSetsAnHttpOnlyStrictCookieAndTellsWhoIAm() throws Exception {
        HttpResponse<String> r = http.post("/api/session", credentials("worker", PASSWORD), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject me = Http.json(r);
        assertThat(me.getString("name")).isEqualTo("worker");
        assertThat(me.getString("role")).isEqualTo("grid_worker");
        assertThat(me.getJsonArray("scope")).containsExactly(charger.location().gridId());
        assertThat(me.containsKey("token")).as("the case-service token stays on the server").isFalse();
        assertThat(r.body()).doesNotContain("ey"); // no JWT anywhere in the answer

        String setCookie = setCookie(r, SessionGuard.COOKIE);
        assertThat(setCookie).containsIgnoringCase("HttpOnly").contains("SameSite=Strict").contains("Path=/")
                .doesNotContainIgnoringCase("Secure");
        assertThat(setCookie(r, CsrfGuard.COOKIE)).as("the front end's script reads the CSRF token")
                .doesNotContainIgnoringCase("HttpOnly").contains("SameSite=Strict").contains("Path=/");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        HttpResponse<String> again = http.get("/api/session", cookie);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Http.json(again).getString("role")).isEqualTo("grid_worker");
    }

    /** {@code http.tls.*}: the dashboards serve HTTPS, and their cookies then go over HTTPS only (Secure). */
    @Test
    void overHttpsSigningInWorksAndTheCookiesAreSecure() throws Exception {
        SelfSignedPem pem = SelfSignedPem.generate(dir, "dashboards-tls");
        Map<String, String> d = new HashMap<>(dashboardsSettings);
        d.put("http.tls.certFile", pem.certFile().toString());
        d.put("http.tls.keyFile", pem.keyFile().toString());
        try (DashboardsServer tls = DashboardsServer.start(DashboardsConfig.of(d),
                io.anju.dashboards.run.LiveFactory.NONE)) {
            HttpClient https = HttpClient.newBuilder().sslContext(pem.trustingContext()).build();
            String base = "https://localhost:" + tls.httpPort();
            HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create(base + "/api/session"))
                    .header("Content-Type", "application/json").header("Origin", base)
                    .POST(HttpRequest.BodyPublishers.ofString(credentials("worker", PASSWORD).encode())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(setCookie(r, SessionGuard.COOKIE)).containsIgnoringCase("; Secure");
            assertThat(setCookie(r, CsrfGuard.COOKIE)).containsIgnoringCase("; Secure");
            HttpResponse<String> me = https.send(HttpRequest.newBuilder(URI.create(base + "/api/session"))
                    .header("Cookie", Http.cookies(r)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(Http.json(me).getString("name")).isEqualTo("worker");
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithTheCaseServicesAnswer() throws Exception {
        HttpResponse<String> r = http.post("/api/session", credentials("other.worker", "not the password"), null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(Http.json(r).getString("error")).isNotBlank();
        assertThat(Http.json(r).getString("message")).isNotBlank();
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(http.post("/api/session", new JsonObject().put("name", "worker"), null).statusCode())
                .as("no password").isEqualTo(400);
    }

    @Test
    void withoutACookieTheApiAnswers401() throws Exception {
        for (String path : List.of("/api/session", "/api/places", "/api/cases", "/api/kpis", "/api/ops")) {
            HttpResponse<String> r = http.get(path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(Http.json(r).getString("error")).isEqualTo("unauthorized");
        }
        assertThat(http.get("/api/session", SessionGuard.COOKIE + "=forged").statusCode()).isEqualTo(401);
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        String cookie = signIn("other.worker");
        assertThat(http.get("/api/session", cookie).statusCode()).isEqualTo(200);
        HttpResponse<String> out = http.delete("/api/session", cookie);
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(setCookie(out, SessionGuard.COOKIE)).contains("Max-Age=0");
        assertThat(setCookie(out, CsrfGuard.COOKIE)).contains("Max-Age=0");
        assertThat(http.get("/api/session", cookie).statusCode()).isEqualTo(401);
    }

    @Test
    void signingOutClosesTheLiveStream() throws Exception {
        String cookie = signIn("other.worker");
        LiveStreamWatch live = LiveStreamWatch.open(liveRequest(cookie));
        assertThat(http.delete("/api/session", cookie).statusCode()).isEqualTo(204);
        assertThat(live.endsWithin(Duration.ofSeconds(5))).as("the live stream ends with the session").isTrue();
        assertThat(HttpClient.newHttpClient().send(liveRequest(cookie), HttpResponse.BodyHandlers.discarding())
                .statusCode()).as("and cannot be opened again").isEqualTo(401);
    }

    /** {@code ./anju user disable}: the case service refuses the account at once, the dashboards within seconds. */
    @Test
    void aDisabledPersonLosesTheApiAndTheLiveStreamWithinFiveSeconds() throws Exception {
        add("leaving.worker", "grid_worker", charger.location().gridId(), null);
        String cookie = signIn("leaving.worker");
        LiveStreamWatch live = LiveStreamWatch.open(liveRequest(cookie));
        assertThat(http.get("/api/places", cookie).statusCode()).isEqualTo(200);

        long disabled = System.nanoTime();
        cases.users().disable("leaving.worker").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(live.endsWithin(Duration.ofSeconds(5))).as("the live stream ends within 5 s").isTrue();
        org.awaitility.Awaitility.await().atMost(Duration.ofMillis(5_000 - (System.nanoTime() - disabled) / 1_000_000))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> http.get("/api/places", cookie).statusCode() == 401);
        assertThat(http.post("/api/cases/1/transitions", new JsonObject().put("action", "verify"), cookie)
                .statusCode()).as("no change either").isEqualTo(401);
        assertThat(HttpClient.newHttpClient().send(liveRequest(cookie), HttpResponse.BodyHandlers.discarding())
                .statusCode()).isEqualTo(401);
    }

    @Test
    void aChangeWithoutTheSessionsCsrfTokenIsRefused_andWithItPasses() throws Exception {
        String cookie = signIn("worker");
        String sessionOnly = cookie.replaceAll(";?\\s*" + CsrfGuard.COOKIE + "=[^;]*", "");
        JsonObject report = new JsonObject().put("origin", "grid_report").put("title", "csrf probe")
                .put("categoryCode", "05-01").put("severity", "yellow").put("gridId", charger.location().gridId());

        HttpResponse<String> without = http.post("/api/cases", report, sessionOnly);
        assertThat(without.statusCode()).as(without.body()).isEqualTo(403);
        assertThat(Http.json(without).getString("error")).isEqualTo("csrf_token");
        HttpResponse<String> forged = http.post("/api/cases", report, sessionOnly + "; " + CsrfGuard.COOKIE + "=guess");
        assertThat(Http.json(forged).getString("error")).as("a token of its own making").isEqualTo("csrf_token");
        assertThat(http.delete("/api/session", sessionOnly).statusCode()).as("sign-out too").isEqualTo(403);

        HttpResponse<String> with = http.post("/api/cases", report, cookie);
        assertThat(with.statusCode()).as(with.body()).isEqualTo(201);
    }

    @Test
    void casesAreProxiedWithTheViewersScope() throws Exception {
        String district = signIn("district");
        long mine = file(district, charger.location().gridId(), "blocked fire exit");
        long theirs = file(district, otherCharger.location().gridId(), "broken street lamp");

        String worker = signIn("worker");
        HttpResponse<String> list = http.get("/api/cases?open=true", worker);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        List<Long> ids = Http.json(list).getJsonArray("items").stream()
                .map(o -> ((JsonObject) o).getLong("id")).toList();
        assertThat(ids).contains(mine).doesNotContain(theirs);
        assertThat(Http.json(http.get("/api/cases?open=true", district)).getJsonArray("items").stream()
                .map(o -> ((JsonObject) o).getLong("id")).toList()).contains(mine, theirs);

        HttpResponse<String> other = http.get("/api/cases/" + theirs, worker);
        assertThat(other.statusCode()).as("another grid's case").isEqualTo(404);
        assertThat(Http.json(other).getString("error")).isEqualTo("not_found");
        HttpResponse<String> own = http.get("/api/cases/" + mine, worker);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(Http.json(own).getJsonObject("case").getString("title")).isEqualTo("blocked fire exit");

        HttpResponse<String> verified = http.post("/api/cases/" + mine + "/transitions",
                new JsonObject().put("action", "verify").put("note", "seen on site"), worker);
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        assertThat(Http.json(verified).getString("state")).isEqualTo("verified");
        assertThat(http.post("/api/cases/" + mine + "/transitions", new JsonObject().put("action", "fly"), worker)
                .statusCode()).as("the case service's validation answers").isEqualTo(400);
        assertThat(http.get("/api/cases/1%2F..%2F..%2Fme", worker).statusCode())
                .as("only case and KPI resources are forwarded").isEqualTo(404);
    }

    @Test
    void theCaseServicesRefusalsReadInTheUisLanguage_throughTheProxyAndAtSignIn() throws Exception {
        long mine = file(signIn("district"), charger.location().gridId(), "blocked fire exit");
        String worker = signIn("worker");
        JsonObject dispatch = new JsonObject().put("action", "dispatch");

        JsonObject zh = Http.json(http.post("/api/cases/" + mine + "/transitions", dispatch, worker, "zh-CN"));
        JsonObject en = Http.json(http.post("/api/cases/" + mine + "/transitions", dispatch, worker, "en"));

        assertThat(List.of(zh.getString("error"), en.getString("error"))).containsOnly("forbidden");
        assertThat(zh.getString("message")).isEqualTo("网格员无权派遣案件");
        assertThat(en.getString("message")).isEqualTo("A grid worker may not dispatch a case");
        assertThat(Http.json(http.post("/api/session", credentials("nobody.here", "not the password"), null, "en"))
                .getString("message")).isEqualTo("Invalid name or password");
        assertThat(Http.json(http.post("/api/session", credentials("nobody.here", "not the password"), null, "zh-CN"))
                .getString("message")).isEqualTo("用户名或密码错误");
    }

    @Test
    void kpisAreForCentreOperators() throws Exception {
        String query = "/api/kpis?groupBy=grid&from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z";
        HttpResponse<String> kpis = http.get(query, signIn("district"));
        assertThat(kpis.statusCode()).as(kpis.body()).isEqualTo(200);
        assertThat(http.get(query, signIn("worker")).statusCode()).isEqualTo(403);
    }

    @Test
    void placesFollowTheSignedInScope() throws Exception {
        JsonObject places = Http.json(http.get("/api/places", signIn("worker")));
        JsonArray grids = places.getJsonArray("grids");
        assertThat(grids).hasSize(1);
        assertThat(grids.getJsonObject(0).getString("id")).isEqualTo(charger.location().gridId());
        assertThat(places.getJsonArray("compounds").stream().map(o -> ((JsonObject) o).getString("gridId")))
                .containsOnly(charger.location().gridId());
    }

    @Test
    void operationsAreForOperatorsAndReadTheCaseServicesMetrics() throws Exception {
        assertThat(http.get("/api/ops", signIn("worker")).statusCode()).isEqualTo(403);
        HttpResponse<String> ops = http.get("/api/ops", signIn("district"));
        assertThat(ops.statusCode()).isEqualTo(200);
        JsonObject casesPart = Http.json(ops).getJsonObject("cases");
        assertThat(casesPart.getBoolean("up")).isTrue();
        assertThat(casesPart.getLong("intakeLag")).isNotNull().isGreaterThanOrEqualTo(0L);
        assertThat(Http.json(ops).getJsonObject("gateway").getBoolean("up")).isFalse();
    }

    @Test
    void healthSeesTheCaseService() throws Exception {
        HttpResponse<String> health = http.get("/health", null);
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(Http.json(health).getJsonObject("checks").getString("cases")).isEqualTo("up");
        assertThat(http.get("/metrics", null).body()).contains("anju_dashboards_http_requests");
    }

    @Test
    void theLiveStreamRelaysCaseNotices_ofTheSignedInPersonsScopeOnly() throws Exception {
        List<String> mine = new CopyOnWriteArrayList<>();
        List<String> theirs = new CopyOnWriteArrayList<>();
        HttpClient client = HttpClient.newHttpClient();
        var own = client.sendAsync(liveRequest(signIn("worker")), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> r.body().forEach(mine::add));
        var other = client.sendAsync(liveRequest(signIn("other.worker")), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> r.body().forEach(theirs::add));
        try {
            String title = "relayed " + System.nanoTime();
            // the relay subscribes upstream when the stream opens: file until the notice comes through
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        file(signIn("worker"), charger.location().gridId(), title);
                        return mine.stream().anyMatch(l -> l.startsWith("data:") && l.contains(title));
                    });
            assertThat(mine).contains("event: case");
            Thread.sleep(1_000);
            assertThat(theirs).as("another grid's worker").noneMatch(l -> l.contains(title));
        } finally {
            own.cancel(true);
            other.cancel(true);
        }
    }

    /** A command centre has more than a handful of screens open: each stream gets its own relay of the notices. */
    @Test
    void everyOpenLiveStreamGetsTheCaseNotices_notOnlyTheFirstFew() throws Exception {
        int screens = 8;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<List<String>> seen = new ArrayList<>();
        List<CompletableFuture<Void>> streams = new ArrayList<>();
        for (int i = 0; i < screens; i++) {
            List<String> lines = new CopyOnWriteArrayList<>();
            seen.add(lines);
            streams.add(client.sendAsync(liveRequest(signIn("worker")), HttpResponse.BodyHandlers.ofLines())
                    .thenAccept(r -> r.body().forEach(lines::add)));
        }
        try {
            String title = "to every screen " + System.nanoTime();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        file(signIn("worker"), charger.location().gridId(), title);
                        return seen.stream().allMatch(lines -> lines.stream().anyMatch(l -> l.contains(title)));
                    });
        } finally {
            streams.forEach(s -> s.cancel(true));
        }
    }

    /**
     * The stop dialog's path: the dashboards forward the command to the case service, which puts it on
     * {@code anju.commands}; the gateway's delivery report and the charger's reply come back as the case's history,
     * which is what the dashboards show (no command record of their own).
     */
    @Test
    void aStopGoesThroughTheCaseService_andItsDeliveryAndReplyAreTheCasesHistory() throws Exception {
        long now = System.currentTimeMillis();
        String source = Alert.portSourceId(charger.id(), 3);
        String key = Alert.dedupKey(AlertType.FIRE_RISK, source);
        Alert fire = new Alert(Alert.idFor(key, now), key, AlertType.FIRE_RISK, Severity.RED, AlertStatus.RAISED, 1,
                SourceKind.PORT, source, charger.id(), 3, charger.location(), now, now, now, "fire risk at " + source,
                "stop_port", List.of(Evidence.portReading(now, charger.id(), 3, "temperatureC", 66.0, "°C")));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            String pm = signIn("pm");
            // Read in English: the relayed notices are worded in the stream's language by the case service.
            List<String> english = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> live = HttpClient.newHttpClient().sendAsync(liveRequest(pm, "en"),
                    HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> r.body().forEach(english::add));
            producer.send(new ProducerRecord<>(Topics.ALERTS, key, Json.toString(fire))).get(10, TimeUnit.SECONDS);
            long caseId = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Http.json(
                    http.get("/api/cases?limit=500", pm)).getJsonArray("items").stream().map(o -> (JsonObject) o)
                    .filter(c -> key.equals(c.getString("dedupKey"))).findFirst(), Optional::isPresent)
                    .orElseThrow().getLong("id");
            JsonObject stop = new JsonObject().put("action", "stop_port").put("deviceId", charger.id()).put("port", 3)
                    .put("reason", "smells hot");

            HttpResponse<String> foreign = http.post("/api/cases/" + caseId + "/commands", stop, signIn("other.pm"));
            assertThat(foreign.statusCode()).as("another compound's manager: %s", foreign.body()).isEqualTo(404);
            HttpResponse<String> accepted = http.post("/api/cases/" + caseId + "/commands", stop, pm);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            String commandId = Http.json(accepted).getString("commandId");
            JsonObject command = commandRecord(commandId);
            assertThat(command.getString("action")).isEqualTo("stop_port");
            assertThat(command.getInteger("port")).isEqualTo(3);
            assertThat(command.getString("alertId")).isEqualTo(fire.id());
            assertThat(command.getLong("caseId")).isEqualTo(caseId);
            assertThat(command.getString("reason")).contains("pm").contains("smells hot");

            producer.send(new ProducerRecord<>(Topics.COMMAND_RESULTS, charger.id(), "{\"kind\":\"delivery\","
                    + "\"commandId\":\"" + commandId + "\",\"alertId\":\"" + fire.id() + "\",\"action\":\"stop_port\","
                    + "\"deviceId\":\"" + charger.id() + "\",\"outcome\":\"delivered\",\"gateway\":\"gw-1\",\"at\":"
                    + now + "}")).get(10, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(Topics.COMMAND_RESULTS, charger.id(), "{\"deviceId\":\"" + charger.id()
                    + "\",\"type\":\"charger\",\"channel\":\"command/reply\",\"ts\":" + now + ",\"seq\":1,"
                    + "\"gateway\":\"gw-1\",\"payload\":{\"id\":\"" + commandId + "\",\"ts\":" + now
                    + ",\"result\":\"ok\",\"detail\":\"port 3 stopped\"}}")).get(10, TimeUnit.SECONDS);

            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> commandStory(caseId, pm)
                    .size() == 3);
            List<JsonObject> story = commandStory(caseId, pm);
            assertThat(story).extracting(e -> e.getJsonObject("data").getString("source"))
                    .containsExactly("request", "delivery", "reply");
            assertThat(story).extracting(e -> e.getJsonObject("data").getString("outcome"))
                    .containsExactly("issued", "delivered", "ok");
            assertThat(story.get(0).getString("actor")).isEqualTo("pm");
            assertThat(story.get(2).getString("note")).contains("port 3 stopped");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> english.stream().anyMatch(
                    l -> l.startsWith("data:") && l.contains("Fire risk at charging station " + charger.id() + " (port 3)")));
            live.cancel(true);
        }
    }

    private static String setCookie(HttpResponse<String> r, String name) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + r.headers().map()));
    }

    /** A live stream being read to its end on a thread of its own. */
    private record LiveStreamWatch(CompletableFuture<Void> ended) {

        static LiveStreamWatch open(HttpRequest request) throws Exception {
            HttpResponse<java.util.stream.Stream<String>> opened = HttpClient.newHttpClient()
                    .sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
            assertThat(opened.statusCode()).isEqualTo(200);
            return new LiveStreamWatch(CompletableFuture.runAsync(() -> {
                try (var lines = opened.body()) {
                    lines.forEach(line -> { });
                } catch (RuntimeException closedUnderfoot) {
                    // a reset stream ends with an error: it ended all the same
                }
            }, job -> new Thread(job, "live-stream-watch").start()));
        }

        boolean endsWithin(Duration patience) throws InterruptedException {
            try {
                ended.get(patience.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (java.util.concurrent.TimeoutException e) {
                return false;
            } catch (java.util.concurrent.ExecutionException e) {
                return true;
            }
        }
    }

    private static List<JsonObject> commandStory(long caseId, String cookie) throws Exception {
        return Http.json(http.get("/api/cases/" + caseId, cookie)).getJsonArray("history").stream()
                .map(o -> (JsonObject) o).filter(e -> "command".equals(e.getString("kind"))).toList();
    }

    private static JsonObject commandRecord(String commandId) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "session-it-" + commandId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(Topics.COMMANDS));
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    JsonObject value = new JsonObject(r.value());
                    if (commandId.equals(value.getString("id"))) {
                        assertThat(r.key()).as("keyed by the charger").isEqualTo(charger.id());
                        return value;
                    }
                }
            }
            throw new AssertionError("no command " + commandId + " on " + Topics.COMMANDS);
        }
    }

    private static HttpRequest liveRequest(String cookie) {
        return liveRequest(cookie, null);
    }

    /** The live stream in {@code language} ({@code ?lang=}, as the browser asks); null: the default. */
    private static HttpRequest liveRequest(String cookie, String language) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dashboards.httpPort() + "/api/live"
                        + (language == null ? "" : "?lang=" + language)))
                .header("Cookie", cookie).header("Accept", "text/event-stream").build();
    }

    private static long file(String cookie, String gridId, String title) throws Exception {
        HttpResponse<String> r = http.post("/api/cases", new JsonObject().put("origin", "grid_report").put("title", title)
                .put("categoryCode", "05-01").put("severity", "yellow").put("gridId", gridId), cookie);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Http.json(r).getLong("id");
    }

    @Test
    void aVendorReadsTheirOwnDevicesThroughTheDashboards_andNoOtherVendors() throws Exception {
        String vendor = signIn("acme.support");
        HttpResponse<String> list = http.get("/api/devices", vendor);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(new JsonArray(list.body()).stream().map(d -> ((JsonObject) d).getString("id")).toList())
                .containsExactly(charger.id());

        HttpResponse<String> own = http.get("/api/devices/" + charger.id(), vendor);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(Http.json(own).getJsonObject("installation").getString("vendor")).isEqualTo(ACME);
        HttpResponse<String> diagnostics = http.get("/api/devices/" + charger.id() + "/diagnostics", vendor);
        assertThat(diagnostics.statusCode()).as(diagnostics.body()).isEqualTo(200);
        assertThat(Http.json(diagnostics).getString("deviceId")).isEqualTo(charger.id());

        for (String path : List.of("", "/diagnostics", "/twin")) {
            HttpResponse<String> other = http.get("/api/devices/" + otherCharger.id() + path, vendor);
            assertThat(other.statusCode()).as("another vendor's device%s: %s", path, other.body()).isEqualTo(404);
        }
        HttpResponse<String> worker = http.get("/api/devices", signIn("worker"));
        assertThat(worker.statusCode()).as("the case service's refusal passes through: %s", worker.body())
                .isEqualTo(403);
    }

    private static RegistryDocument withVendors(RegistryDocument d) {
        List<Device> devices = d.devices().stream().map(x -> x.id().equals(charger.id())
                ? x.withInstallation(new Installation(ACME, "EB-10", "2.1.0", "2026-12-01", null))
                : x.id().equals(otherCharger.id())
                ? x.withInstallation(new Installation("Other", "X-1", "1.0.0", "2026-11-01", null)) : x).toList();
        return new RegistryDocument(d.version(), d.seed(), d.note(), d.subDistricts(), d.communities(), d.grids(),
                d.compounds(), d.zones(), devices);
    }

    /** Signs in; the {@code Cookie} header a browser then sends: the session and its CSRF token. */
    private static String signIn(String name) throws Exception {
        HttpResponse<String> r = http.post("/api/session", credentials(name, PASSWORD), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.cookies(r);
    }

    private static JsonObject credentials(String name, String password) {
        return new JsonObject().put("name", name).put("password", password);
    }
}
