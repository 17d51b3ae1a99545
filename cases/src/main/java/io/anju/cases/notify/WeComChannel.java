package io.anju.cases.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

import java.util.Set;

/**
 * Posts notices to a WeCom (企业微信) group robot, {@code https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…}.
 * A notice that names recipients with phones goes as {@code {"msgtype":"text","text":{"content":…,
 * "mentioned_mobile_list":[…]}}}, so the robot @-mentions them (WeCom's markdown messages cannot mention by mobile);
 * one without goes as {@code {"msgtype":"markdown","markdown":{"content":…}}}. WeCom answers HTTP 200 with
 * {@code {"errcode":0,"errmsg":"ok"}}; a non-zero errcode is a refusal, retried only for -1 (busy) and 45009 (rate
 * limit: 20 messages a minute per robot).
 */
public final class WeComChannel extends PushChannel {
    public static final String NAME = "wecom";
    static final Set<Integer> RETRYABLE = Set.of(-1, 45009);

    public WeComChannel(WebClient client, PushSettings settings, NoticeText text) {
        super(NAME, client, settings.validate("notify." + NAME, "key", 0), text);
    }

    @Override
    protected Future<Integer> send(OutboxRow row, NoticeMessage m, String idempotencyKey) {
        return postJson(settings.url())
                .sendJsonObject(body(m))
                .compose(response -> HttpAnswers.byErrcode(NAME, response, RETRYABLE));
    }

    static JsonObject body(NoticeMessage m) {
        if (m.phones().isEmpty()) {
            return new JsonObject().put("msgtype", "markdown")
                    .put("markdown", new JsonObject().put("content", m.markdown()));
        }
        return new JsonObject().put("msgtype", "text")
                .put("text", new JsonObject().put("content", m.text())
                        .put("mentioned_mobile_list", new JsonArray(m.phones())));
    }
}
