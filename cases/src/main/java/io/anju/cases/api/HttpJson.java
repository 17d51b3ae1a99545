package io.anju.cases.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.anju.cases.json.CasesJson;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.Map;

/** Writes JSON responses with the module's mapper (ISO times, wire-name enums). */
final class HttpJson {
    static final String REQUEST_ID = "requestId";

    private HttpJson() {
    }

    static void send(RoutingContext ctx, int status, Object body) {
        String text;
        try {
            text = CasesJson.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            ctx.fail(e);
            return;
        }
        HttpServerResponse response = ctx.response();
        response.setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(text);
    }

    static void error(RoutingContext ctx, int status, String kind, String message) {
        error(ctx, status, kind, message, Map.of());
    }

    /** The error body with more fields beside kind and message (a refusal's stable {@code code}, its guards). */
    static void error(RoutingContext ctx, int status, String kind, String message, Map<String, Object> more) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", kind);
        body.put("message", message);
        body.putAll(more);
        send(ctx, status, body);
    }
}
