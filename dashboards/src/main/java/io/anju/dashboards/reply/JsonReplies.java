package io.anju.dashboards.reply;

import io.anju.common.json.Json;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.Map;

/** Writes the API's JSON answers and its error shape. */
public final class JsonReplies {

    private JsonReplies() {
    }

    public static void send(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(Json.toString(body));
    }

    public static void error(RoutingContext ctx, int status, String kind, String message) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", kind);
        body.put("message", message);
        send(ctx, status, body);
    }
}
