package io.anju.common.http;

import io.vertx.core.http.HttpServerResponse;

import java.util.Map;
import java.util.function.Function;

/**
 * How the HTTP APIs (cases, dashboards) answer in JSON: one content type, never cached (answers carry people's data),
 * and an error body of the caller's shape ({@code error}, {@code message}, …) unless the head is already out, when
 * only a reset is left. Each service writes the JSON with its own mapper.
 */
public final class JsonAnswers {
    private JsonAnswers() {
    }

    /** Ends {@code response} with {@code status} and the JSON text {@code json}. */
    public static void send(HttpServerResponse response, int status, String json) {
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(json);
    }

    /** Ends {@code response} with an error {@code body} written by {@code toJson}; a response under way is reset. */
    public static void error(HttpServerResponse response, int status, Map<String, Object> body,
                             Function<Object, String> toJson) {
        if (response.headWritten()) {
            response.reset();
            return;
        }
        send(response, status, toJson.apply(body));
    }
}
