package io.anju.cases.api;

import io.anju.cases.people.AckRefusedException;
import io.anju.cases.people.Acknowledger;
import io.anju.cases.people.Acknowledger.AckView;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page an acknowledge link opens, without sign-in: GET shows the case and a button, POST records the
 * acknowledgement. Answers are small HTML pages in the contact's language; a link that cannot be used is answered
 * with its status (403, 409, 410) and the reason.
 */
final class AckHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(AckHandlers.class);
    /** The page loads nothing and runs nothing; its one form posts back to itself. */
    static final String PAGE_POLICY = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final Acknowledger acknowledger;

    AckHandlers(Acknowledger acknowledger) {
        this.acknowledger = acknowledger;
    }

    void page(RoutingContext ctx) {
        String token = token(ctx);
        acknowledger.preview(token).onSuccess(view -> {
            boolean zh = zh(view);
            String body = "<p>" + esc(view.caseNo()) + " · " + esc(view.title()) + "</p>"
                    + "<p>" + (zh ? "确认人：" : "Acknowledging as ") + esc(view.contact().displayName()) + "</p>"
                    + "<form method=\"post\"><button type=\"submit\">" + (zh ? "确认收到" : "Acknowledge")
                    + "</button></form>";
            send(ctx, 200, zh ? "确认案件" : "Acknowledge case", body);
        }).onFailure(err -> refuse(ctx, err));
    }

    void confirm(RoutingContext ctx) {
        acknowledger.acknowledge(token(ctx)).onSuccess(view -> {
            boolean zh = zh(view);
            send(ctx, 200, zh ? "已确认" : "Acknowledged", "<p>" + esc(view.caseNo()) + " · " + esc(view.title())
                    + "</p><p>" + (zh ? "已记录您的确认：" : "Recorded as acknowledged by ")
                    + esc(view.contact().displayName()) + "</p>");
        }).onFailure(err -> refuse(ctx, err));
    }

    private static void refuse(RoutingContext ctx, Throwable err) {
        if (err instanceof AckRefusedException refused) {
            send(ctx, refused.status(), "无法确认 · Cannot acknowledge", "<p>" + esc(refused.messageZh()) + "</p><p>"
                    + esc(refused.getMessage()) + "</p>");
        } else {
            LOG.error("acknowledge link failed", err);
            send(ctx, 500, "出错 · Error", "<p>internal error; acknowledge in the app</p>");
        }
    }

    private static boolean zh(AckView view) {
        return !"en".equals(view.contact().language());
    }

    private static String token(RoutingContext ctx) {
        return RequestReader.validated(ctx).getPathParameters().get("token").getString();
    }

    private static void send(RoutingContext ctx, int status, String title, String body) {
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Content-Security-Policy", PAGE_POLICY)
                .putHeader("Cache-Control", "no-store")
                .end("<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                        + "content=\"width=device-width\"><title>" + esc(title) + "</title></head><body><h1>"
                        + esc(title) + "</h1>" + body + "</body></html>");
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
