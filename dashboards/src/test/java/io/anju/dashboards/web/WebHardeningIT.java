package io.anju.dashboards.web;

import io.anju.common.registry.RegistryWriter;
import io.anju.dashboards.run.DashboardsConfig;
import io.anju.dashboards.run.DashboardsServer;
import io.anju.dashboards.run.LiveFactory;
import io.anju.dashboards.session.CsrfGuard;
import io.anju.dashboards.session.SessionGuard;
import io.anju.dashboards.session.SessionStore;
import io.anju.dashboards.session.Viewer;
import io.anju.dashboards.testing.Http;
import io.anju.dashboards.testing.Places;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboards' front door as another site, a slow client and a scraper meet it: cross-site changes and sign-ins
 * are refused, changes must be JSON with the session's CSRF token, every answer carries the security headers, idle
 * connections are closed, the method tag of the request metrics is bounded and /metrics wants its token. The case
 * service is not running: a request that passes the front door ends at the case proxy as 502, which is the proof it
 * passed. Sessions are opened directly in the store.
 */
class WebHardeningIT {
    private static final String METRICS_TOKEN = "scrape-token-0123456789";
    private static final String PUBLIC_ORIGIN = "https://dashboards.example.org";

    @TempDir
    static Path dir;
    static DashboardsServer server;
    static Http http;
    static String own;

    @BeforeAll
    static void start() throws Exception {
        Path registryFile = dir.resolve("registry.json");
        RegistryWriter.write(registryFile, Places.registry().document());
        Map<String, String> d = new HashMap<>();
        d.put("http.host", "127.0.0.1");
        d.put("http.port", "0");
        d.put("http.idleTimeout", "1s");
        d.put("http.allowedOrigins", PUBLIC_ORIGIN);
        d.put("metrics.token", METRICS_TOKEN);
        d.put("registry.file", registryFile.toString());
        d.put("data.dir", dir.toString());
        d.put("cases.url", "http://127.0.0.1:" + closedPort());
        d.put("metrics.gateway", "");
        d.put("metrics.jobs", "");
        d.put("metrics.cases", "");
        server = DashboardsServer.start(DashboardsConfig.of(d), LiveFactory.NONE);
        http = new Http(server.httpPort());
        own = "http://127.0.0.1:" + server.httpPort();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The cookies a browser holds after signing in: the session and its CSRF token. */
    private static String signedIn() {
        SessionStore.Session s = server.sessions().open(new Viewer("worker", Viewer.GRID_WORKER, Set.of("g-001"),
                null, "case-service-token"), Instant.now().plus(Duration.ofHours(1)));
        return SessionGuard.COOKIE + "=" + s.id() + "; " + CsrfGuard.COOKIE + "=" + s.csrfToken();
    }

    private static HttpResponse<String> change(String path, String cookies, String contentType, String body,
                                               Map<String, String> headers) throws Exception {
        return http.send(path, b -> {
            b.header("Cookie", cookies).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            String token = Http.csrfToken(cookies);
            if (token != null) {
                b.header(CsrfGuard.HEADER, token);
            }
            headers.forEach(b::header);
            return b;
        });
    }

    private static final String STOP = new JsonObject().put("action", "stop_port").put("deviceId", "c-1").put("port", 1)
            .encode();

    @Test
    void aChangeFromAnotherSitesPageIsRefused_evenWithTheCookieAndToken() throws Exception {
        String cookies = signedIn();
        HttpResponse<String> byOrigin = change("/api/cases/1/commands", cookies, "application/json", STOP,
                Map.of("Origin", "https://evil.example"));
        assertThat(byOrigin.statusCode()).isEqualTo(403);
        assertThat(Http.json(byOrigin).getString("error")).isEqualTo("csrf_origin");
        assertThat(Http.json(byOrigin).getString("message")).as("in Chinese by default")
                .isEqualTo("拒绝来自其他网站页面的操作请求");
        assertThat(Http.json(byOrigin).getString("detail")).contains("https://evil.example");

        HttpResponse<String> byReferer = change("/api/cases/1/commands", cookies, "application/json", STOP,
                Map.of("Referer", "http://127.0.0.1.evil.example/stop.html"));
        assertThat(Http.json(byReferer).getString("error")).isEqualTo("csrf_origin");
        assertThat(change("/api/cases/1/commands", cookies, "application/json", STOP, Map.of("Origin", "null"))
                .statusCode()).as("an opaque origin (sandboxed frame, data: page)").isEqualTo(403);

        assertThat(change("/api/cases/1/commands", cookies, "application/json", STOP, Map.of("Origin", own))
                .statusCode()).as("its own page: through to the (absent) case service").isEqualTo(502);
        assertThat(change("/api/cases/1/commands", cookies, "application/json", STOP, Map.of("Origin", PUBLIC_ORIGIN))
                .statusCode()).as("an http.allowedOrigins page").isEqualTo(502);
    }

    @Test
    void signingInFromAnotherSitesPageIsRefused() throws Exception {
        String credentials = new JsonObject().put("name", "attacker").put("password", "attacker's password").encode();
        HttpResponse<String> foreign = change("/api/session", "", "application/json", credentials,
                Map.of("Origin", "https://evil.example"));
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(Http.json(foreign).getString("error")).isEqualTo("csrf_origin");
        assertThat(foreign.headers().allValues("Set-Cookie")).isEmpty();
        HttpResponse<String> form = change("/api/session", "", "application/x-www-form-urlencoded",
                "name=attacker&password=x", Map.of());
        assertThat(form.statusCode()).as("a form post").isEqualTo(415);
        assertThat(change("/api/session", "", "application/json", credentials, Map.of("Origin", own)).statusCode())
                .as("from its own page: on to the (absent) case service").isEqualTo(502);
    }

    @Test
    void aTextPlainChangeIsRefused() throws Exception {
        HttpResponse<String> r = change("/api/cases/1/commands", signedIn(), "text/plain", STOP, Map.of());
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(Http.json(r).getString("error")).isEqualTo("json_required");
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefused() throws Exception {
        String sessionOnly = signedIn().split(";")[0];
        HttpResponse<String> r = change("/api/cases/1/commands", sessionOnly, "application/json", STOP, Map.of());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(Http.json(r).getString("error")).isEqualTo("csrf_token");
        HttpResponse<String> other = change("/api/cases/1/commands", sessionOnly + "; " + CsrfGuard.COOKIE + "="
                + signedIn().split(CsrfGuard.COOKIE + "=")[1], "application/json", STOP, Map.of());
        assertThat(Http.json(other).getString("error")).as("another session's token").isEqualTo("csrf_token");
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        for (String path : List.of("/", "/index.html", "/app.js", "/style.css", "/api/places", "/health", "/nothing")) {
            HttpResponse<String> r = http.get(path, null);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).as(path).contains("script-src 'self'").contains("style-src 'self'")
                    .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(path).contains("same-origin");
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosed() throws Exception {
        try (Socket idle = new Socket("127.0.0.1", server.httpPort())) {
            idle.setSoTimeout(10_000);
            long start = System.nanoTime();
            assertThat(idle.getInputStream().read()).as("end of stream").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void theRequestMetricsTagUnknownMethodsAsOther_andMetricsWantTheToken() throws Exception {
        for (String method : List.of("FOO1", "BAR2")) {
            http.send("/", b -> b.method(method, HttpRequest.BodyPublishers.noBody()));
        }
        assertThat(http.get("/metrics", null).statusCode()).as("no token").isEqualTo(403);
        HttpResponse<String> metrics = http.send("/metrics", b -> b.header("Authorization", "Bearer " + METRICS_TOKEN));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("method=\"OTHER\"").doesNotContain("FOO1").doesNotContain("BAR2");
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
