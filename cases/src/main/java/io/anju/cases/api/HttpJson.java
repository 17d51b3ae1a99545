package io.anju.cases.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.anju.cases.json.CasesJson;
import io.anju.common.http.JsonAnswers;
import io.anju.cases.model.CaseException;
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
        JsonAnswers.send(ctx.response(), status, text);
    }

    /** An error answer whose message is the code's own text in the request's language. */
    static void error(RoutingContext ctx, int status, String code, String detail, Object... args) {
        error(ctx, status, code, null, detail, Map.of(), args);
    }

    /** An error answer with a finer reason, whose text (arguments filled in) is the message. */
    static void error(RoutingContext ctx, int status, String code, CaseException.Reason reason, String detail,
                      Object... args) {
        error(ctx, status, code, reason, detail, Map.of(), args);
    }

    /**
     * An error answer: {@code error} the stable code, {@code reason} the finer one when there is one, {@code message}
     * for people in the request's language ({@link ErrorTexts}), {@code detail} the English specifics for operators,
     * and {@code more} fields beside them (a command refusal's stable {@code code}, its guards).
     */
    static void error(RoutingContext ctx, int status, String code, CaseException.Reason reason, String detail,
                      Map<String, Object> more, Object... args) {
        answer(ctx, status, code, reason, ErrorTexts.message(Callers.lang(ctx), code, reason, args), detail, more);
    }

    /** A refusal whose owner rendered the message in the reader's language (a charger command's, naming its guards). */
    static void refusal(RoutingContext ctx, int status, String code, String message, String detail,
                        Map<String, Object> more) {
        answer(ctx, status, code, null, message, detail, more);
    }

    private static void answer(RoutingContext ctx, int status, String code, CaseException.Reason reason,
                               String message, String detail, Map<String, Object> more) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        if (reason != null) {
            body.put("reason", reason.wireName());
        }
        body.put("message", message);
        body.put("detail", detail);
        body.putAll(more);
        JsonAnswers.error(ctx.response(), status, body, HttpJson::write);
    }

    /** The body in the module's JSON; one that cannot be written is a bug, failing the request. */
    private static String write(Object body) {
        try {
            return CasesJson.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body, e);
        }
    }
}
