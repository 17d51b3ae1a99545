package io.anju.cases.testing;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A signed-in caller of the API under test, over real HTTP. */
public final class ApiClient {
    private final WebClient client;
    private final String token;

    private ApiClient(WebClient client, String token) {
        this.client = client;
        this.token = token;
    }

    public static ApiClient signIn(WebClient client, String name, String password) throws Exception {
        HttpResponse<Buffer> login = await(client.post("/api/v1/auth/login")
                .sendJsonObject(new JsonObject().put("name", name).put("password", password)));
        assertThat(login.statusCode()).as(login.bodyAsString()).isEqualTo(200);
        return new ApiClient(client, login.bodyAsJsonObject().getString("token"));
    }

    public HttpResponse<Buffer> get(String path) throws Exception {
        return await(client.get(path).bearerTokenAuthentication(token).send());
    }

    public HttpResponse<Buffer> post(String path, JsonObject body) throws Exception {
        return await(client.post(path).bearerTokenAuthentication(token).sendJsonObject(body));
    }

    public HttpResponse<Buffer> act(long caseId, String action) throws Exception {
        return post("/api/v1/cases/" + caseId + "/transitions", new JsonObject().put("action", action));
    }

    public static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
