package io.anju.dashboards.reply;

import io.anju.common.http.JsonAnswers;
import io.anju.common.json.Json;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the API's JSON answers and its error shape ({@code error}, {@code message} in the reader's language,
 * {@code detail} the English specifics) with the platform's mapper.
 */
public final class JsonReplies {

    private JsonReplies() {
    }

    public static void send(RoutingContext ctx, int status, Object body) {
        JsonAnswers.send(ctx.response(), status, Json.toString(body));
    }

    /** An error of the dashboards' own: {@code detail} (English) is worded by its kind in the request's language. */
    public static void error(RoutingContext ctx, int status, String kind, String detail) {
        String message = ErrorWords.message(ErrorWords.lang(ctx), kind, detail);
        write(ctx, status, kind, message, message.equals(detail) ? null : detail);
    }

    public static void error(RoutingContext ctx, ApiError e) {
        if (e.relayed()) {
            write(ctx, e.status(), e.kind(), e.getMessage(), null);
        } else {
            error(ctx, e.status(), e.kind(), e.getMessage());
        }
    }

    private static void write(RoutingContext ctx, int status, String kind, String message, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", kind);
        body.put("message", message);
        if (detail != null) {
            body.put("detail", detail);
        }
        JsonAnswers.error(ctx.response(), status, body, Json::toString);
    }
}
