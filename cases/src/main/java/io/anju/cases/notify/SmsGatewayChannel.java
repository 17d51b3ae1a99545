package io.anju.cases.notify;

import io.anju.common.alert.Severity;
import io.anju.common.config.Require;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

import java.time.Clock;
import java.util.List;

/**
 * Sends notices to an SMS / voice gateway through Anju's own contract (docs/cases.md, "SMS / voice gateway"): a POST
 * of {@code {"idempotencyKey","caseNo","kind","severity","voice","recipients":[mobiles],"language","text"}}, one per
 * language of the recipients (zh, en: each person's own), signed like the
 * webhook ({@code X-Anju-Timestamp}, {@code X-Anju-Signature}, see {@link WebhookSignature}) and carrying
 * {@code Idempotency-Key}. The recipients are the phones the notice names, else the configured fallback list; red
 * notices ask for a voice call as well ({@code voice: true}). While a case awaits acknowledgement, {@code links} maps
 * each recipient's phone to their own signed acknowledge link, which the gateway appends to that person's message
 * only. A 2xx answer means the gateway accepted the message.
 */
public final class SmsGatewayChannel extends PushChannel {
    public static final String NAME = "sms";
    public static final String PHONE_PATTERN = "\\+?[0-9]{5,20}";

    private final List<String> fallbackPhones;
    private final Clock clock;

    public SmsGatewayChannel(WebClient client, PushSettings settings, List<String> fallbackPhones, NoticeText text,
                             Clock clock) {
        super(NAME, client, settings.validate("notify." + NAME, null, WebhookSettings.MIN_SECRET_LENGTH), text);
        this.fallbackPhones = checkedPhones(fallbackPhones);
        this.clock = clock;
    }

    /** The fallback list, checked: at least one number, each {@value #PHONE_PATTERN}. */
    public static List<String> checkedPhones(List<String> phones) {
        Require.that(phones != null && !phones.isEmpty(), "notify.sms.fallbackPhones", "", "needs at least one "
                + "mobile number when notify.sms.url is set (notices that name no recipients go there)");
        for (String p : phones) {
            Require.that(p.matches(PHONE_PATTERN), "notify.sms.fallbackPhones", p,
                    "is not a phone number (digits, optionally a leading +)");
        }
        return List.copyOf(phones);
    }

    @Override
    protected Future<Integer> send(OutboxRow row, NoticeMessage m, String idempotencyKey) {
        JsonObject notice = new JsonObject(row.payload());
        List<String> to = m.phones().isEmpty() && NoticeText.phones(notice, null).isEmpty() ? fallbackPhones
                : m.phones();
        if (to.isEmpty()) {
            // The people of this language have no phone; the others' message is sent on its own.
            return Future.succeededFuture();
        }
        String body = body(m, idempotencyKey, to).put("links", links(notice, to)).encode();
        long ts = clock.instant().getEpochSecond();
        return postJson(settings.url())
                .putHeader("Idempotency-Key", idempotencyKey)
                .putHeader("X-Anju-Event", row.kind())
                .putHeader("X-Anju-Timestamp", Long.toString(ts))
                .putHeader("X-Anju-Signature", WebhookSignature.sign(settings.secret(), ts, body))
                .sendBuffer(Buffer.buffer(body))
                .compose(response -> HttpAnswers.byStatus(NAME, response));
    }

    /**
     * Each recipient's phone among {@code phones} (the message's own people) → the acknowledge link signed for them
     * (empty when the case awaits none).
     */
    static JsonObject links(JsonObject notice, List<String> phones) {
        JsonObject byPhone = new JsonObject();
        JsonObject links = notice.getJsonObject("acknowledgeLinks");
        JsonArray recipients = notice.getJsonArray("recipients");
        if (links == null || recipients == null) {
            return byPhone;
        }
        for (Object o : recipients) {
            if (o instanceof JsonObject r && r.getString("phone") != null && phones.contains(r.getString("phone").strip())
                    && links.getString(r.getString("name")) != null) {
                byPhone.put(r.getString("phone"), links.getString(r.getString("name")));
            }
        }
        return byPhone;
    }

    static JsonObject body(NoticeMessage m, String idempotencyKey, List<String> to) {
        return new JsonObject()
                .put("idempotencyKey", idempotencyKey)
                .put("caseNo", m.caseNo())
                .put("kind", m.kind())
                .put("severity", m.severity().wireName())
                .put("voice", m.severity() == Severity.RED)
                .put("recipients", new JsonArray(to))
                .put("language", m.language())
                .put("text", m.text());
    }
}
