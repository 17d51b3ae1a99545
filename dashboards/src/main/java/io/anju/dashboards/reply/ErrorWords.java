package io.anju.dashboards.reply;

import io.anju.common.text.Lang;
import io.anju.common.text.Texts;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * The message of the dashboards' own error answers in the reader's language ({@code error.<kind>} of
 * {@code io/anju/dashboards/reply/texts_*.properties}); the English specifics go along as the detail. The language is
 * the request's ({@code ?lang=}, else {@code Accept-Language}: the UI sends its own), as the case service chooses it.
 */
public final class ErrorWords {
    /** Every kind of error the dashboards answer themselves; each has a text in every language (ErrorWordsTest). */
    public static final List<String> KINDS = List.of("unauthorized", "forbidden", "not_found", "invalid",
            "bad_request", "too_large", "internal", "gone", "too_many_streams", "history_unavailable",
            "cases_unavailable", "csrf_origin", "csrf_token", "json_required");
    static final Texts TEXTS = Texts.ALERTS.with("io.anju.dashboards.reply.texts");

    private ErrorWords() {
    }

    /** The message for {@code kind} in {@code lang}; {@code detail} itself for a kind without words of its own. */
    public static String message(Lang lang, String kind, String detail) {
        return TEXTS.format(lang, "error." + kind, detail);
    }

    /** The language {@code ctx} asks for. */
    static Lang lang(RoutingContext ctx) {
        return Lang.ofRequest(ctx.request().getParam("lang"), ctx.request().getHeader("Accept-Language"));
    }
}
