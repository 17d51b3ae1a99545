package io.anju.cases.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.Set;

/**
 * Posts notices to a DingTalk (钉钉) group robot, {@code https://oapi.dingtalk.com/robot/send?access_token=…}, as
 * {@code {"msgtype":"markdown","markdown":{"title":…,"text":…},"at":{"atMobiles":[…],"isAtAll":false}}} (the
 * text ends with an {@code @<mobile>} per recipient, which is how DingTalk shows the mention). Requests are signed
 * the way DingTalk's "加签" security setting checks them: query parameters {@code timestamp} (epoch ms) and
 * {@code sign}, the URL-encoded Base64 of HmacSHA256 keyed with the secret over {@code "<timestamp>\n<secret>"}.
 * Success is {@code {"errcode":0}}; a non-zero errcode is a refusal, retried only for -1 (busy) and 130101 (sent too
 * fast).
 */
public final class DingTalkChannel extends PushChannel {
    public static final String NAME = "dingtalk";
    static final Set<Integer> RETRYABLE = Set.of(-1, 130101);
    private static final String ALGORITHM = "HmacSHA256";

    private final Clock clock;

    public DingTalkChannel(WebClient client, PushSettings settings, NoticeText text, Clock clock) {
        super(NAME, client, settings.validate("notify." + NAME, "access_token", 1), text);
        this.clock = clock;
    }

    @Override
    protected Future<Integer> send(OutboxRow row, NoticeMessage m, String idempotencyKey) {
        long timestamp = clock.millis();
        String url = settings.url() + (settings.url().contains("?") ? "&" : "?") + "timestamp=" + timestamp
                + "&sign=" + URLEncoder.encode(sign(settings.secret(), timestamp), StandardCharsets.UTF_8);
        return postJson(url)
                .sendJsonObject(body(m))
                .compose(response -> HttpAnswers.byErrcode(NAME, response, RETRYABLE));
    }

    /** Base64 of HmacSHA256(key = secret, data = "<timestamp>\n<secret>"), before URL encoding. */
    static String sign(String secret, long timestampMs) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            byte[] digest = mac.doFinal((timestampMs + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static JsonObject body(NoticeMessage m) {
        StringBuilder content = new StringBuilder(m.markdown());
        if (!m.phones().isEmpty()) {
            content.append("\n\n");
            m.phones().forEach(p -> content.append('@').append(p).append(' '));
        }
        return new JsonObject().put("msgtype", "markdown")
                .put("markdown", new JsonObject().put("title", m.title()).put("text", content.toString().strip()))
                .put("at", new JsonObject().put("atMobiles", new JsonArray(m.phones())).put("isAtAll", false));
    }
}
