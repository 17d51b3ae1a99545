package io.anju.cases.testing;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A signed-in caller of the API under test, over real HTTP. */
public final class ApiClient {
    private final WebClient client;
    private final String token;
    private final String acceptLanguage;

    private ApiClient(WebClient client, String token, String acceptLanguage) {
        this.client = client;
        this.token = token;
        this.acceptLanguage = acceptLanguage;
    }

    /** The same signed-in client, sending {@code Accept-Language: value} with every request. */
    public ApiClient withAcceptLanguage(String value) {
        return new ApiClient(client, token, value);
    }

    public static ApiClient signIn(WebClient client, String name, String password) throws Exception {
        HttpResponse<Buffer> login = await(client.post("/api/v1/auth/login")
                .sendJsonObject(new JsonObject().put("name", name).put("password", password)));
        assertThat(login.statusCode()).as(login.bodyAsString()).isEqualTo(200);
        return new ApiClient(client, login.bodyAsJsonObject().getString("token"), null);
    }

    public HttpResponse<Buffer> get(String path) throws Exception {
        return await(language(client.get(path).bearerTokenAuthentication(token)).send());
    }

    public HttpResponse<Buffer> post(String path, JsonObject body) throws Exception {
        return await(language(client.post(path).bearerTokenAuthentication(token)).sendJsonObject(body));
    }

    /** POSTs {@code body} as it is, with its content type (a CSV import). */
    public HttpResponse<Buffer> post(String path, String contentType, String body) throws Exception {
        return await(language(client.post(path).bearerTokenAuthentication(token)).putHeader("Content-Type", contentType)
                .sendBuffer(Buffer.buffer(body)));
    }

    private HttpRequest<Buffer> language(HttpRequest<Buffer> request) {
        return acceptLanguage == null ? request : request.putHeader("Accept-Language", acceptLanguage);
    }

    public HttpResponse<Buffer> act(long caseId, String action) throws Exception {
        return post("/api/v1/cases/" + caseId + "/transitions", new JsonObject().put("action", action));
    }

    public static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
