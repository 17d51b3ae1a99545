package io.anju.dashboards.testing;

import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A plain HTTP client for the dashboards as a browser talks to it: JSON bodies, the cookies, and on every change the
 * CSRF token from the {@code anju_csrf} cookie in {@code X-CSRF-Token}, as the front end's api.js sends it.
 */
public final class Http {
    private static final String CSRF_COOKIE = "anju_csrf";
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public HttpResponse<String> get(String path, String cookie) throws Exception {
        return send(builder(path, cookie).GET());
    }

    public HttpResponse<String> post(String path, JsonObject body, String cookie) throws Exception {
        return send(changing(path, cookie).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    /** A POST as a browser whose UI is in {@code language} sends it ({@code Accept-Language}). */
    public HttpResponse<String> post(String path, JsonObject body, String cookie, String language) throws Exception {
        return send(changing(path, cookie).header("Content-Type", "application/json").header("Accept-Language", language)
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    public HttpResponse<String> delete(String path, String cookie) throws Exception {
        return send(changing(path, cookie).DELETE());
    }

    /** Any request as built by {@code request} on this service's base URL (for requests a browser would not send). */
    public HttpResponse<String> send(String path, java.util.function.UnaryOperator<HttpRequest.Builder> request)
            throws Exception {
        return send(request.apply(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))));
    }

    /** The {@code Cookie} header value of a sign-in's {@code Set-Cookie} headers: the session and its CSRF token. */
    public static String cookies(HttpResponse<String> signIn) {
        return String.join("; ", signIn.headers().allValues("Set-Cookie").stream()
                .map(c -> c.substring(0, c.indexOf(';'))).toList());
    }

    /** The CSRF token among {@code cookies}, or null. */
    public static String csrfToken(String cookies) {
        if (cookies == null) {
            return null;
        }
        for (String part : cookies.split(";")) {
            String p = part.trim();
            if (p.startsWith(CSRF_COOKIE + "=")) {
                return p.substring(CSRF_COOKIE.length() + 1);
            }
        }
        return null;
    }

    private HttpRequest.Builder changing(String path, String cookie) {
        HttpRequest.Builder b = builder(path, cookie);
        String token = csrfToken(cookie);
        if (token != null) {
            b.header("X-CSRF-Token", token);
        }
        return b;
    }

    public static JsonObject json(HttpResponse<String> r) {
        return new JsonObject(r.body());
    }

    private HttpRequest.Builder builder(String path, String cookie) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return b;
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
