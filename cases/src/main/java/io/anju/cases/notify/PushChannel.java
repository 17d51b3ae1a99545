package io.anju.cases.notify;

import io.anju.common.alert.Severity;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;

import java.util.List;
import java.util.Optional;

/**
 * What the channels that push a notice to people's phones and groups (WeCom, DingTalk, the SMS gateway) share: a
 * name, their {@link PushSettings} (URL, minimum severity, retries, timeout), the one rendering of a notice, sent
 * as one message per language of the people it names (each with its own people's phones: Chinese first, English when
 * someone reads English), and delivery as a JSON POST whose answer {@link #send} reads. A message that fails fails the
 * delivery, which is retried whole: receivers drop the repeats by the idempotency key (per message).
 */
abstract class PushChannel implements DeliveryChannel {
    protected final WebClient client;
    protected final PushSettings settings;
    protected final NoticeText text;
    private final String name;

    /** @param settings already validated by the channel's own rules */
    PushChannel(String name, WebClient client, PushSettings settings, NoticeText text) {
        Settings.urlFor(name, settings.enabled());
        this.name = name;
        this.client = client;
        this.settings = settings;
        this.text = text;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Severity minSeverity() {
        return settings.minSeverity();
    }

    @Override
    public Optional<Backoff> backoff() {
        return Optional.of(settings.retry());
    }

    @Override
    public Future<Void> deliver(OutboxRow row) {
        return send(row).mapEmpty();
    }

    @Override
    public Future<Integer> send(OutboxRow row) {
        List<NoticeMessage> messages = text.renderPerLanguage(row.payload());
        Future<Integer> sent = Future.succeededFuture();
        for (NoticeMessage m : messages) {
            String key = messages.size() == 1 ? row.idempotencyKey() : row.idempotencyKey() + ":" + m.language();
            sent = sent.compose(previous -> send(row, m, key));
        }
        return sent;
    }

    /** Sends one message of the notice in {@code row}; {@code idempotencyKey} is this message's own. */
    protected abstract Future<Integer> send(OutboxRow row, NoticeMessage m, String idempotencyKey);

    /** A JSON POST to {@code url} that gives up after the channel's timeout. */
    protected HttpRequest<Buffer> postJson(String url) {
        return client.postAbs(url)
                .timeout(settings.timeout().toMillis())
                .putHeader("Content-Type", "application/json; charset=utf-8");
    }
}
