package io.anju.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The case service's REST API as a signed-in user, as the bench's probes use it. */
final class CaseApi {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private volatile String token;

    CaseApi(String casesUrl) {
        this.baseUrl = casesUrl.replaceAll("/+$", "");
    }

    void signIn(String name, String password) throws IOException, InterruptedException {
        String body = "{\"name\":" + Json.toString(name) + ",\"password\":" + Json.toString(password) + "}";
        HttpResponse<byte[]> res = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        if (res.statusCode() != 200) {
            throw new IOException("case service sign-in as " + name + " answered " + res.statusCode() + ": "
                    + new String(res.body(), StandardCharsets.UTF_8));
        }
        token = Json.tree(res.body()).path("token").asText();
    }

    /** {@code GET path}'s JSON; an answer other than 200 fails. */
    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> res = send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token).GET());
        if (res.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + res.statusCode());
        }
        return Json.tree(res.body());
    }

    /** {@code POST path} with a JSON body; the answer, whatever its status. */
    HttpResponse<byte[]> post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The device's newest case of the category, or null while it has none. */
    Long newestCase(String category, String deviceId) throws IOException, InterruptedException {
        for (JsonNode c : get("/api/v1/cases?category=" + category + "&limit=500").path("items")) {
            if (deviceId.equals(c.path("deviceId").asText())) {
                return c.path("id").asLong();
            }
        }
        return null;
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
