package io.anju.dashboards.testing;

import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for the dashboards as a browser talks to it: JSON bodies and the session cookie. */
public final class Http {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public HttpResponse<String> get(String path, String cookie) throws Exception {
        return send(builder(path, cookie).GET());
    }

    public HttpResponse<String> post(String path, JsonObject body, String cookie) throws Exception {
        return send(builder(path, cookie).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    /** A POST as a browser whose UI is in {@code language} sends it ({@code Accept-Language}). */
    public HttpResponse<String> post(String path, JsonObject body, String cookie, String language) throws Exception {
        return send(builder(path, cookie).header("Content-Type", "application/json").header("Accept-Language", language)
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    public HttpResponse<String> delete(String path, String cookie) throws Exception {
        return send(builder(path, cookie).DELETE());
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
