package io.anju.cases.people;

import io.anju.cases.access.AccessPolicy;
import io.anju.cases.api.ApiSettings;
import io.anju.cases.api.CasesHttp;
import io.anju.cases.api.HealthChecks;
import io.anju.cases.auth.PasswordHasher;
import io.anju.cases.auth.TokenService;
import io.anju.cases.auth.UserStore;
import io.anju.cases.kpi.KpiSource;
import io.anju.cases.model.CaseRecord;
import io.anju.cases.notify.Outbox;
import io.anju.cases.routing.CategoryTable;
import io.anju.cases.routing.GridRouter;
import io.anju.cases.service.PgCaseService;
import io.anju.cases.store.Database;
import io.anju.cases.supervise.Deadlines;
import io.anju.cases.supervise.SupervisionSettings;
import io.anju.cases.testing.Alerts;
import io.anju.cases.testing.MutableClock;
import io.anju.cases.testing.RecordingOutbox;
import io.anju.cases.testing.TestPlaces;
import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.Severity;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.anju.cases.people.RotaTest.local;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contacts, rotas, recipients on notices and acknowledge links, over real HTTP against a real PostgreSQL, with the
 * service's clock moved by hand. Alerts open cases at grid gd-01 (compound cp-001), whose grid, the property
 * department and the compound keep rotas set up once for the class.
 */
class PeopleApiIT {
    static final String BASE_URL = "https://cases.example.org";
    static final Duration TTL = Duration.ofHours(2);
    static final Instant MONDAY_NOON = local("2026-12-07T12:00:00");
    static final List<String> WEEKDAYS = List.of("mon", "tue", "wed", "thu", "fri");
    static final List<String> ALL_WEEK = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    @TempDir
    static Path dir;

    static Vertx vertx;
    static Database db;
    static Pool pool;
    static HttpServer server;
    static WebClient client;
    static PgCaseService service;
    static final MutableClock clock = new MutableClock(MONDAY_NOON);
    static final AtomicInteger ports = new AtomicInteger();
    static String district;
    static String communityOp;
    static String otherCommunityOp;
    static String gridWorker;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        db = Database.embedded(dir.resolve("pg"), 0);
        db.migrate();
        pool = db.pool(vertx, 4);
        CategoryTable categories = CategoryTable.defaults();
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 9);
        AckSigner signer = new AckSigner(key, TTL, BASE_URL);
        Outbox outbox = new AddressedOutbox(new RecordingOutbox(), new RecipientResolver(categories), signer, clock);
        KpiSource noKpis = (scope, query, now) -> Future.succeededFuture(List.of());
        AccessPolicy access = new AccessPolicy(categories);
        service = new PgCaseService(pool, new GridRouter(TestPlaces.registry(), categories, "lianhu"), categories, access,
                outbox, noKpis, SupervisionSettings.defaults(), clock);
        UserStore users = new UserStore(vertx, pool, new PasswordHasher(1_000));
        TokenService tokens = new TokenService(vertx, key, Duration.ofHours(8));
        CasesHttp http = new CasesHttp(vertx, service, users, tokens, access, categories,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                new HealthChecks(HealthChecks.ping(pool), () -> Future.succeededFuture(true)),
                ApiSettings.defaults().withLoginPerSecond(ApiSettings.MAX_LOGIN_PER_SECOND))
                .people(new PeopleApi(pool, new RotaAccess(TestPlaces::registry, "lianhu"),
                        new Acknowledger(pool, outbox, signer, new Deadlines(SupervisionSettings.defaults()), clock),
                        clock));
        server = await(http.router().compose(router -> vertx.createHttpServer().requestHandler(router).listen(0)));
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.actualPort()));
        await(users.add("zhou", "district_operator", "lianhu", "district-password", null));
        await(users.add("chen.op", "community_operator", TestPlaces.COMMUNITY, "community-password", null));
        await(users.add("ma.op", "community_operator", TestPlaces.OTHER_COMMUNITY, "community-password", null));
        await(users.add("li", "grid_worker", TestPlaces.GRID, "grid-password-1", null));
        district = signIn("zhou", "district-password");
        communityOp = signIn("chen.op", "community-password");
        otherCommunityOp = signIn("ma.op", "community-password");
        gridWorker = signIn("li", "grid-password-1");

        createContact(communityOp, contact("li.grid", "李网格", "13800000001", "zh", "wecom", "sms"));
        createContact(communityOp, contact("night.duty", "值班室", "13800000002", "zh", "sms"));
        createContact(district, contact("wu.property", "吴物业", "13800000003", "zh", "dingtalk"));
        createContact(communityOp, contact("pm.chen", "Chen (property office)", "13800000004", "en", "sms"));
        putRota(communityOp, "grid", TestPlaces.GRID, new JsonArray().add(shift(WEEKDAYS, "08:00", "20:00", "li.grid")),
                "night.duty", 200);
        putRota(district, "department", "property", new JsonArray().add(shift(ALL_WEEK, "00:00", "00:00", "wu.property")),
                null, 200);
        putRota(communityOp, "compound", TestPlaces.COMPOUND,
                new JsonArray().add(shift(ALL_WEEK, "00:00", "00:00", "pm.chen")), null, 200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (vertx != null) {
            await(vertx.close());
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aRotaWithAGapAndNoFallbackIsRefusedNamingTheGap() throws Exception {
        HttpResponse<Buffer> refused = putRota(communityOp, "grid", TestPlaces.NEIGHBOUR_GRID,
                new JsonArray().add(shift(WEEKDAYS, "08:00", "20:00", "li.grid"))
                        .add(shift(List.of("mon", "tue", "wed", "thu", "sun"), "20:00", "08:00", "night.duty")),
                null, 400);

        assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("invalid");
        assertThat(refused.bodyAsJsonObject().getString("message")).as("the gap, in Chinese by default")
                .contains("grid:" + TestPlaces.NEIGHBOUR_GRID, "无人值守", "周五 20:00–周日 20:00");
        assertThat(refused.bodyAsJsonObject().getString("detail")).isEqualTo("rota of grid:" + TestPlaces.NEIGHBOUR_GRID
                + " leaves nobody on duty Friday 20:00–Sunday 20:00 (Asia/Shanghai) and names no fallback: add a shift"
                + " or a fallback contact");
        assertThat(get(communityOp, "/api/v1/rotas/grid/" + TestPlaces.NEIGHBOUR_GRID).statusCode()).isEqualTo(404);
    }

    @Test
    void onlyCentreOperatorsInScopeManageRotasAndContacts() throws Exception {
        JsonArray shifts = new JsonArray().add(shift(ALL_WEEK, "00:00", "00:00", "li.grid"));

        HttpResponse<Buffer> otherCommunity = putRota(otherCommunityOp, "grid", TestPlaces.GRID, shifts, null, 403);
        HttpResponse<Buffer> department = putRota(communityOp, "department", "fire", shifts, null, 403);
        HttpResponse<Buffer> unknownGrid = putRota(district, "grid", "gd-nowhere", shifts, null, 400);
        HttpResponse<Buffer> unknownContact = putRota(district, "grid", TestPlaces.OTHER_GRID,
                new JsonArray().add(shift(ALL_WEEK, "00:00", "00:00", "nobody")), null, 400);

        assertThat(otherCommunity.bodyAsJsonObject().getString("detail"))
                .isEqualTo("the rota of grid:" + TestPlaces.GRID + " is outside your scope [" + TestPlaces.OTHER_COMMUNITY + "]");
        assertThat(department.bodyAsJsonObject().getString("detail")).contains("kept by the district centre");
        assertThat(unknownGrid.bodyAsJsonObject().getString("detail")).isEqualTo("unknown grid 'gd-nowhere': the registry has no such unit");
        assertThat(unknownContact.bodyAsJsonObject().getString("detail")).contains("unknown contacts [nobody]");
        assertThat(get(gridWorker, "/api/v1/contacts").statusCode()).isEqualTo(403);
        assertThat(get(communityOp, "/api/v1/contacts").bodyAsJsonArray().stream()
                .map(c -> ((JsonObject) c).getString("name")).toList())
                .containsExactly("li.grid", "night.duty", "pm.chen", "wu.property");
        HttpResponse<Buffer> twice = send(communityOp, "POST", "/api/v1/contacts",
                contact("li.grid", "又一个", null, "zh"));
        assertThat(twice.statusCode()).isEqualTo(409);
    }

    @Test
    void onDutyFollowsTheShiftsAndTheFallbackUnderTheHandMovedClock() throws Exception {
        String path = "/api/v1/on-duty?unit=grid:" + TestPlaces.GRID;
        try {
            clock.set(local("2026-12-07T19:59:59"));
            JsonObject evening = get(communityOp, path).bodyAsJsonObject();
            clock.set(local("2026-12-07T20:00:00"));
            JsonObject night = get(communityOp, path).bodyAsJsonObject();
            clock.set(MONDAY_NOON);
            send(communityOp, "PUT", "/api/v1/contacts/li.grid",
                    contact("li.grid", "李网格", "13800000001", "zh", "wecom", "sms").put("enabled", false));
            JsonObject liAway = get(communityOp, path).bodyAsJsonObject();

            assertThat(names(evening)).containsExactly("li.grid");
            assertThat(evening.getBoolean("fallback")).isFalse();
            assertThat(names(night)).containsExactly("night.duty");
            assertThat(night.getBoolean("fallback")).isTrue();
            assertThat(names(liAway)).containsExactly("night.duty");
            assertThat(liAway.getBoolean("fallback")).isTrue();
            assertThat(liAway.getString("at")).isEqualTo("2026-12-07T04:00:00Z");
        } finally {
            clock.set(MONDAY_NOON);
            send(communityOp, "PUT", "/api/v1/contacts/li.grid",
                    contact("li.grid", "李网格", "13800000001", "zh", "wecom", "sms"));
        }
    }

    @Test
    void aNoticeNamesThePeopleOnDutyAndTheAuditKeepsWhoWasTold() throws Exception {
        clock.set(MONDAY_NOON);
        CaseRecord opened = openCase();

        JsonObject notice = openedNotice(opened.id());
        JsonObject created = history(opened.id()).getJsonObject(0);

        assertThat(notice.getJsonArray("recipients")).isEqualTo(new JsonArray()
                .add(new JsonObject().put("name", "li.grid").put("displayName", "李网格").put("phone", "13800000001")
                        .put("language", "zh").put("channels", new JsonArray().add("wecom").add("sms")))
                .add(new JsonObject().put("name", "wu.property").put("displayName", "吴物业").put("phone", "13800000003")
                        .put("language", "zh").put("channels", new JsonArray().add("dingtalk")))
                .add(new JsonObject().put("name", "pm.chen").put("displayName", "Chen (property office)")
                        .put("phone", "13800000004").put("language", "en").put("channels", new JsonArray().add("sms"))));
        assertThat(notice.getJsonObject("acknowledgeLinks").fieldNames())
                .containsExactlyInAnyOrder("li.grid", "wu.property", "pm.chen");
        assertThat(notice.getJsonObject("acknowledgeLinks").getString("pm.chen")).startsWith(BASE_URL + "/api/v1/ack/");
        assertThat(created.getString("kind")).isEqualTo("created");
        assertThat(created.getJsonObject("data").getJsonArray("recipients").stream()
                .map(r -> ((JsonObject) r).getString("name")).toList())
                .containsExactly("li.grid", "wu.property", "pm.chen");
    }

    @Test
    void theCasesOfOneIntakeTransactionEachNameThePeopleOnDutyWithLinksOfTheirOwn() throws Exception {
        clock.set(MONDAY_NOON);
        List<Alert> alerts = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            alerts.add(Alerts.portOverload(ports.incrementAndGet(), Severity.ORANGE, AlertStatus.RAISED, 1,
                    clock.instant().minusSeconds(20)));
        }
        await(service.applyAlerts(alerts.stream().map(List::of).toList()));

        Set<String> links = new java.util.HashSet<>();
        for (Alert a : alerts) {
            long caseId = await(pool.preparedQuery("select id from cases where dedup_key = $1")
                    .execute(Tuple.of(a.dedupKey())).map(rows -> rows.iterator().next().getLong(0)));
            JsonObject notice = openedNotice(caseId);
            assertThat(notice.getJsonArray("recipients").stream().map(r -> ((JsonObject) r).getString("name")).toList())
                    .as(a.dedupKey()).containsExactly("li.grid", "wu.property", "pm.chen");
            assertThat(history(caseId).getJsonObject(0).getJsonObject("data").getJsonArray("recipients")).hasSize(3);
            links.addAll(notice.getJsonObject("acknowledgeLinks").getMap().values().stream().map(Object::toString)
                    .toList());
        }
        assertThat(links).as("a link per person and case").hasSize(9);
    }

    @Test
    void anAcknowledgeLinkVerifiesTheCaseAsTheContactOnceWithoutAPassword() throws Exception {
        clock.set(MONDAY_NOON);
        CaseRecord opened = openCase();
        String chenLink = link(opened.id(), "pm.chen");
        String liLink = link(opened.id(), "li.grid");

        HttpResponse<Buffer> page = ack("GET", chenLink);
        clock.advance(Duration.ofSeconds(40));
        HttpResponse<Buffer> done = ack("POST", chenLink);
        HttpResponse<Buffer> replay = ack("POST", chenLink);
        HttpResponse<Buffer> someoneElse = ack("POST", liLink);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.getHeader("Content-Type")).startsWith("text/html");
        assertThat(page.bodyAsString()).contains(opened.caseNo()).contains("Acknowledging as Chen (property office)")
                .contains("<form method=\"post\">");
        assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(200);
        assertThat(caseState(opened.id())).isEqualTo("verified");
        JsonObject after = get(district, "/api/v1/cases/" + opened.id()).bodyAsJsonObject().getJsonObject("case");
        assertThat(after.getString("acknowledgedAt")).as("the time to acknowledge counts")
                .isEqualTo(MONDAY_NOON.plusSeconds(40).toString());
        JsonObject verified = history(opened.id()).stream().map(JsonObject.class::cast)
                .filter(e -> "transition".equals(e.getString("kind"))).findFirst().orElseThrow();
        assertThat(verified.getString("actor")).isEqualTo("pm.chen");
        assertThat(verified.getString("actorRole")).isEqualTo("contact");
        assertThat(verified.getString("note")).isEqualTo("acknowledged from notification");
        assertThat(verified.getString("fromState")).isEqualTo("collected");
        assertThat(verified.getString("toState")).isEqualTo("verified");
        assertThat(verified.getString("at")).isEqualTo(MONDAY_NOON.plusSeconds(40).toString());
        assertThat(replay.statusCode()).isEqualTo(410);
        assertThat(replay.bodyAsString()).contains("this acknowledge link was used already");
        assertThat(someoneElse.statusCode()).isEqualTo(409);
        assertThat(someoneElse.bodyAsString()).contains("is verified: it no longer awaits acknowledgement");
    }

    @Test
    void anExpiredLinkIsRefusedToTheSecond() throws Exception {
        clock.set(MONDAY_NOON);
        CaseRecord opened = openCase();
        String link = link(opened.id(), "wu.property");

        clock.set(MONDAY_NOON.plus(TTL).minusSeconds(1));
        HttpResponse<Buffer> lastSecond = ack("GET", link);
        clock.set(MONDAY_NOON.plus(TTL));
        HttpResponse<Buffer> expired = ack("POST", link);

        assertThat(lastSecond.statusCode()).isEqualTo(200);
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.bodyAsString()).contains("this acknowledge link expired at 2026-12-07 14:00:00 (Asia/Shanghai)")
                .contains("此确认链接已于 2026-12-07 14:00:00（北京时间）过期");
        assertThat(caseState(opened.id())).isEqualTo("collected");
    }

    @Test
    void aTamperedLinkIsRefused() throws Exception {
        clock.set(MONDAY_NOON);
        CaseRecord opened = openCase();
        String token = link(opened.id(), "li.grid");
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        // Someone stretches the expiry by a day and keeps the signature.
        String[] parts = payload.split(":");
        String stretched = parts[0] + ":" + parts[1] + ":" + parts[2] + ":" + (Long.parseLong(parts[3]) + 86_400);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(stretched.getBytes(StandardCharsets.UTF_8))
                + token.substring(token.indexOf('.'));

        HttpResponse<Buffer> refused = ack("POST", forged);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.bodyAsString()).contains("this acknowledge link is not valid");
        assertThat(caseState(opened.id())).isEqualTo("collected");
    }

    // --- helpers

    static CaseRecord openCase() {
        return await(service.applyAlert(Alerts.portOverload(ports.incrementAndGet(), Severity.ORANGE,
                AlertStatus.RAISED, 1, clock.instant().minusSeconds(20))));
    }

    static JsonObject openedNotice(long caseId) {
        return await(pool.preparedQuery("select payload::text as p from outbox where channel = $1 and case_id = $2 "
                + "and kind = 'opened'").execute(Tuple.of(RecordingOutbox.CHANNEL, caseId))
                .map(rows -> new JsonObject(rows.iterator().next().getString("p"))));
    }

    /** The token of the contact's link on the case's opening notice. */
    static String link(long caseId, String contact) {
        String url = openedNotice(caseId).getJsonObject("acknowledgeLinks").getString(contact);
        return url.substring((BASE_URL + "/api/v1/ack/").length());
    }

    static HttpResponse<Buffer> ack(String method, String token) {
        String path = "/api/v1/ack/" + token;
        return await("GET".equals(method) ? client.get(path).send() : client.post(path).send());
    }

    static JsonArray history(long caseId) throws Exception {
        return get(district, "/api/v1/cases/" + caseId).bodyAsJsonObject().getJsonArray("history");
    }

    static String caseState(long caseId) throws Exception {
        return get(district, "/api/v1/cases/" + caseId).bodyAsJsonObject().getJsonObject("case").getString("state");
    }

    static List<String> names(JsonObject onDuty) {
        return onDuty.getJsonArray("contacts").stream().map(c -> ((JsonObject) c).getString("name")).toList();
    }

    static JsonObject contact(String name, String displayName, String phone, String language, String... channels) {
        JsonObject c = new JsonObject().put("name", name).put("displayName", displayName).put("language", language)
                .put("channels", new JsonArray(List.of(channels)));
        return phone == null ? c : c.put("phone", phone);
    }

    static JsonObject shift(List<String> days, String from, String to, String contact) {
        return new JsonObject().put("days", new JsonArray(days)).put("from", from).put("to", to).put("contact", contact);
    }

    static void createContact(String token, JsonObject body) {
        HttpResponse<Buffer> r = send(token, "POST", "/api/v1/contacts", body);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    }

    static HttpResponse<Buffer> putRota(String token, String kind, String unit, JsonArray shifts, String fallback,
                                        int expected) {
        JsonObject body = new JsonObject().put("shifts", shifts);
        if (fallback != null) {
            body.put("fallback", fallback);
        }
        HttpResponse<Buffer> r = send(token, "PUT", "/api/v1/rotas/" + kind + "/" + unit, body);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(expected);
        return r;
    }

    static HttpResponse<Buffer> get(String token, String path) {
        return await(client.get(path).bearerTokenAuthentication(token).send());
    }

    static HttpResponse<Buffer> send(String token, String method, String path, JsonObject body) {
        var request = "PUT".equals(method) ? client.put(path) : client.post(path);
        return await(request.bearerTokenAuthentication(token).sendJsonObject(body));
    }

    static String signIn(String name, String password) {
        HttpResponse<Buffer> login = await(client.post("/api/v1/auth/login")
                .sendJsonObject(new JsonObject().put("name", name).put("password", password)));
        assertThat(login.statusCode()).as(login.bodyAsString()).isEqualTo(200);
        return login.bodyAsJsonObject().getString("token");
    }

    static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
