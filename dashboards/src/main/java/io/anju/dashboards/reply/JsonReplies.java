package io.anju.dashboards.reply;

import io.anju.common.http.JsonAnswers;
import io.anju.common.json.Json;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.Map;

/** Writes the API's JSON answers and its error shape ({@code error}, {@code message}) with the platform's mapper. */
public final class JsonReplies {

    private JsonReplies() {
    }

    public static void send(RoutingContext ctx, int status, Object body) {
        JsonAnswers.send(ctx.response(), status, Json.toString(body));
    }

    public static void error(RoutingContext ctx, int status, String kind, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", kind);
        body.put("message", message);
        JsonAnswers.error(ctx.response(), status, body, Json::toString);
    }
}
