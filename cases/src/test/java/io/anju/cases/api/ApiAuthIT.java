package io.anju.cases.api;

import io.anju.cases.access.AccessPolicy;
import io.anju.cases.auth.PasswordHasher;
import io.anju.cases.auth.TokenService;
import io.anju.cases.auth.UserStore;
import io.anju.cases.model.Principal;
import io.anju.cases.model.Role;
import io.anju.cases.routing.CategoryTable;
import io.anju.cases.service.CaseService;
import io.anju.cases.store.Database;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in and the front door of the API over real HTTP, against a real PostgreSQL. None of these requests reaches the
 * case service: they are refused, or answered, before it.
 */
class ApiAuthIT {
    @TempDir
    static Path dir;

    private static Vertx vertx;
    private static Database db;
    private static Pool pool;
    private static HttpServer server;
    private static WebClient client;
    private static UserStore users;
    private static final AtomicBoolean intakeUp = new AtomicBoolean(true);
    private static final AtomicBoolean commandsUp = new AtomicBoolean(true);
    private static final AtomicBoolean kafkaUp = new AtomicBoolean(true);
    /** The global bound on sign-in checks per second is LoginThrottleTest's: here only the per-name and per-source ones. */
    private static final ApiSettings SIGN_INS_UNBOUNDED =
            ApiSettings.defaults().withLoginPerSecond(ApiSettings.MAX_LOGIN_PER_SECOND);

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        db = Database.embedded(dir.resolve("pg"), 0);
        db.migrate();
        pool = db.pool(vertx, 4);
        users = new UserStore(vertx, pool, new PasswordHasher(1_000));
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        TokenService tokens = new TokenService(vertx, key, Duration.ofHours(8));
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HealthChecks health = new HealthChecks(HealthChecks.ping(pool), () -> Future.succeededFuture(intakeUp.get()),
                () -> Future.succeededFuture(commandsUp.get()), () -> Future.succeededFuture(kafkaUp.get()));
        var http = new CasesHttp(vertx, unreachableCaseService(), users, tokens, new AccessPolicy(CategoryTable.defaults()),
                CategoryTable.defaults(), metrics, health, SIGN_INS_UNBOUNDED);
        server = await(http.router().compose(router -> vertx.createHttpServer().requestHandler(router).listen(0)));
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.actualPort()));
        await(users.add("li.grid", "grid_worker", "g-001", "grid-password-1", "Li"));
        await(users.add("zhao.locked", "grid_worker", "g-002", "zhao-password-1", null));
        await(users.add("qian.gone", "community_operator", "c-001", "qian-password-1", null));
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
    void aSignedInUserGetsATokenThatOpensTheApi() throws Exception {
        JsonObject login = login("li.grid", "grid-password-1").bodyAsJsonObject();

        assertThat(login.getString("role")).isEqualTo("grid_worker");
        assertThat(login.getJsonArray("scope").getList()).containsExactly("g-001");
        assertThat(login.getString("expires")).isNotBlank();
        HttpResponse<Buffer> me = await(client.get("/api/v1/me").bearerTokenAuthentication(login.getString("token")).send());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.bodyAsJsonObject().getString("name")).isEqualTo("li.grid");
        assertThat(me.bodyAsJsonObject().getJsonArray("actions").getList()).contains("verify").doesNotContain("dispatch");
    }

    @Test
    void aWrongPasswordAndAnUnknownNameGetTheSameAnswer() throws Exception {
        HttpResponse<Buffer> wrongPassword = login("li.grid", "not-the-password");
        HttpResponse<Buffer> unknownName = login("nobody", "grid-password-1");

        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(unknownName.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.bodyAsJsonObject()).isEqualTo(unknownName.bodyAsJsonObject());
        assertThat(wrongPassword.bodyAsJsonObject().getString("reason")).isEqualTo("login_failed");
        assertThat(wrongPassword.bodyAsJsonObject().getString("message")).as("Chinese by default").isEqualTo("用户名或密码错误");
        assertThat(wrongPassword.bodyAsJsonObject().getString("detail")).isEqualTo("invalid name or password");
        assertThat(wrongPassword.bodyAsJsonObject().containsKey("token")).isFalse();
    }

    @Test
    void fiveFailuresLockTheNameEvenAgainstTheRightPassword() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(login("zhao.locked", "guess-" + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<Buffer> locked = login("zhao.locked", "zhao-password-1");

        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.bodyAsJsonObject().getString("error")).isEqualTo("too_many_requests");
        assertThat(Integer.parseInt(locked.getHeader("Retry-After"))).isBetween(1, 30);
        assertThat(login("li.grid", "grid-password-1").statusCode()).as("other names are not locked").isEqualTo(200);
    }

    /** The dashboards forward their browsers' sign-ins from this host and name each browser in X-Forwarded-For. */
    @Test
    void aNameLockedFromOneSourceStillSignsInFromAnother() throws Exception {
        await(users.add("sun.targeted", "grid_worker", "g-003", "sun-password-1", null));
        for (int i = 0; i < 5; i++) {
            assertThat(login("sun.targeted", "guess-" + i, "203.0.113.66").statusCode()).isEqualTo(401);
        }
        assertThat(login("sun.targeted", "sun-password-1", "203.0.113.66").statusCode()).as("the guesser's address")
                .isEqualTo(429);
        assertThat(login("sun.targeted", "sun-password-1", "198.51.100.7").statusCode()).as("the person's own")
                .isEqualTo(200);
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders_andTheMethodTagIsBounded() throws Exception {
        for (String path : List.of("/api/v1/me", "/health", "/openapi.yaml", "/nothing")) {
            HttpResponse<Buffer> r = await(client.get(path).send());
            assertThat(r.getHeader("Content-Security-Policy")).as(path).contains("default-src 'none'")
                    .contains("frame-ancestors 'none'");
            assertThat(r.getHeader("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
        }
        await(client.request(io.vertx.core.http.HttpMethod.valueOf("FOO1"), "/api/v1/me").send());
        assertThat(await(client.get("/metrics").send()).bodyAsString()).contains("method=\"OTHER\"")
                .doesNotContain("FOO1");
    }

    @Test
    void withoutATokenEveryOperationButLoginIsRefused() throws Exception {
        for (String path : new String[]{"/api/v1/me", "/api/v1/cases", "/api/v1/cases/1", "/api/v1/categories",
                "/api/v1/kpis?groupBy=grid&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z"}) {
            HttpResponse<Buffer> response = await(client.get(path).send());
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.bodyAsJsonObject().getString("error")).as(path).isEqualTo("unauthorized");
        }
        HttpResponse<Buffer> post = await(client.post("/api/v1/cases/1/transitions")
                .sendJsonObject(new JsonObject().put("action", "dispatch")));
        assertThat(post.statusCode()).isEqualTo(401);
    }

    @Test
    void aForgedOrMangledTokenIsRefused() throws Exception {
        byte[] otherKey = new byte[32];
        Arrays.fill(otherKey, (byte) 9);
        String forged = new TokenService(vertx, otherKey, Duration.ofHours(1))
                .issue(new Principal("li.grid", Role.DISTRICT_OPERATOR, Set.of("*"))).token();

        assertThat(await(client.get("/api/v1/cases").bearerTokenAuthentication(forged).send()).statusCode()).isEqualTo(401);
        assertThat(await(client.get("/api/v1/cases").bearerTokenAuthentication("not.a.jwt").send()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void aDisabledUsersTokenStopsWorkingAtOnce() throws Exception {
        String token = login("qian.gone", "qian-password-1").bodyAsJsonObject().getString("token");
        assertThat(await(client.get("/api/v1/me").bearerTokenAuthentication(token).send()).statusCode()).isEqualTo(200);

        await(users.disable("qian.gone"));

        assertThat(await(client.get("/api/v1/me").bearerTokenAuthentication(token).send()).statusCode()).isEqualTo(401);
        assertThat(login("qian.gone", "qian-password-1").statusCode()).isEqualTo(401);
    }

    @Test
    void theContractIsServedRaw() throws Exception {
        HttpResponse<Buffer> yaml = await(client.get("/openapi.yaml").send());

        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.getHeader("Content-Type")).startsWith("application/yaml");
        assertThat(yaml.bodyAsString()).startsWith("openapi: 3.1.0").contains("operationId: transitionCase");
    }

    @Test
    void aBodyThatBreaksTheContractIs400WithTheReason() throws Exception {
        String token = login("li.grid", "grid-password-1").bodyAsJsonObject().getString("token");

        HttpResponse<Buffer> badAction = await(client.post("/api/v1/cases/1/transitions").bearerTokenAuthentication(token)
                .sendJsonObject(new JsonObject().put("action", "teleport")));
        HttpResponse<Buffer> noTitle = await(client.post("/api/v1/cases").bearerTokenAuthentication(token)
                .sendJsonObject(new JsonObject().put("origin", "grid_report").put("categoryCode", "09-01")
                        .put("severity", "yellow").put("gridId", "g-001")));
        HttpResponse<Buffer> badLimit = await(client.get("/api/v1/cases?limit=9999").bearerTokenAuthentication(token).send());
        HttpResponse<Buffer> notJson = await(client.post("/api/v1/auth/login").putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer("{name:")));

        for (HttpResponse<Buffer> r : java.util.List.of(badAction, noTitle, badLimit, notJson)) {
            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
            assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("invalid");
            assertThat(r.bodyAsJsonObject().getString("message")).isNotBlank();
        }
        assertThat(noTitle.bodyAsJsonObject().getString("detail")).contains("title");
        assertThat(badLimit.bodyAsJsonObject().getString("detail")).contains("limit");
    }

    @Test
    void healthSaysWhichPartIsDownAndMetricsAreOpenToScrapers() throws Exception {
        HttpResponse<Buffer> up = await(client.get("/health").send());
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "up")
                .put("checks", new JsonObject().put("database", "up").put("intake", "up")
                        .put("commands", "up").put("kafka", "up").put("registry", "up")
                        .put("diagnostics", "up").put("twin", "up")));

        intakeUp.set(false);
        try {
            HttpResponse<Buffer> down = await(client.get("/health").send());
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.bodyAsJsonObject().getJsonObject("checks").getString("intake")).isEqualTo("down");
            assertThat(down.bodyAsJsonObject().getJsonObject("checks").getString("database")).isEqualTo("up");
        } finally {
            intakeUp.set(true);
        }
        commandsUp.set(false);
        try {
            HttpResponse<Buffer> down = await(client.get("/health").send());
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.bodyAsJsonObject().getJsonObject("checks").getString("commands")).isEqualTo("down");
            assertThat(down.bodyAsJsonObject().getJsonObject("checks").getString("intake")).isEqualTo("up");
        } finally {
            commandsUp.set(true);
        }
        kafkaUp.set(false);
        try {
            HttpResponse<Buffer> down = await(client.get("/health").send());
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.bodyAsJsonObject().getJsonObject("checks").getString("kafka")).isEqualTo("down");
        } finally {
            kafkaUp.set(true);
        }

        login("nobody", "whatever-password");
        HttpResponse<Buffer> metrics = await(client.get("/metrics").send());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.bodyAsString()).contains("anju_cases_login_failures_total")
                .contains("anju_cases_http_requests_seconds_count");
    }

    private static HttpResponse<Buffer> login(String name, String password) throws Exception {
        return await(client.post("/api/v1/auth/login")
                .sendJsonObject(new JsonObject().put("name", name).put("password", password)));
    }

    /** A sign-in as the dashboards forward it: from this host, for a browser at {@code source}. */
    private static HttpResponse<Buffer> login(String name, String password, String source) throws Exception {
        return await(client.post("/api/v1/auth/login").putHeader("X-Forwarded-For", source)
                .sendJsonObject(new JsonObject().put("name", name).put("password", password)));
    }

    /** Stands where the case service goes: these tests must be answered before any call reaches it. */
    private static CaseService unreachableCaseService() {
        return (CaseService) Proxy.newProxyInstance(CaseService.class.getClassLoader(), new Class<?>[]{CaseService.class},
                (proxy, method, args) -> {
                    throw new AssertionError("ApiAuthIT reached CaseService." + method.getName());
                });
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
