package io.anju.cases.notify;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import java.util.Set;

/**
 * How HTTP channels read a receiver's answer. By status: 2xx is delivered; a 4xx other than 408 and 429 refuses the
 * request as such (not retried); anything else is retried. Group robots (WeCom, DingTalk) answer 200 and put the
 * outcome in the body's {@code errcode}: 0 is delivered, a busy or rate-limit code is retried, any other is refused.
 */
final class HttpAnswers {
    private static final int MAX_BODY_IN_ERROR = 200;

    private HttpAnswers() {
    }

    /** The status when it is 2xx; else a failure naming it, carrying the status. */
    static Future<Integer> byStatus(String channel, HttpResponse<Buffer> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Future.succeededFuture(status);
        }
        String what = "HTTP " + status + " from the " + channel + " receiver";
        boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
        return Future.failedFuture(DeliveryFailure.of(what, permanent, status));
    }

    /** A robot's answer: the HTTP status first, then {@code errcode} (codes in {@code retryable} are retried). */
    static Future<Integer> byErrcode(String channel, HttpResponse<Buffer> response, Set<Integer> retryable) {
        return byStatus(channel, response).compose(status -> {
            String text = response.bodyAsString() == null ? "" : response.bodyAsString();
            JsonObject body;
            try {
                body = new JsonObject(text);
            } catch (DecodeException | ClassCastException e) {
                return Future.failedFuture(DeliveryFailure.of("the " + channel + " robot answered HTTP " + status
                        + " without a JSON errcode: " + clip(text), false, status));
            }
            Integer errcode = body.getInteger("errcode");
            if (errcode != null && errcode == 0) {
                return Future.succeededFuture(status);
            }
            String what = "the " + channel + " robot refused the message: errcode " + errcode + " "
                    + body.getString("errmsg", "");
            return Future.failedFuture(DeliveryFailure.of(what.strip(), errcode != null && !retryable.contains(errcode),
                    status));
        });
    }

    private static String clip(String s) {
        return s.length() > MAX_BODY_IN_ERROR ? s.substring(0, MAX_BODY_IN_ERROR) + "…" : s;
    }
}
