package io.anju.cases.notify;

import io.anju.common.alert.Severity;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;

import java.util.Optional;

/**
 * What the channels that push a notice to people's phones and groups (WeCom, DingTalk, the SMS gateway) share: a
 * name, their {@link PushSettings} (URL, minimum severity, retries, timeout), the one Chinese rendering of a notice,
 * and delivery as a JSON POST whose answer {@link #send} reads.
 */
abstract class PushChannel implements DeliveryChannel {
    protected final WebClient client;
    protected final PushSettings settings;
    protected final NoticeText text;
    private final String name;

    /** @param settings already validated by the channel's own rules */
    PushChannel(String name, WebClient client, PushSettings settings, NoticeText text) {
        Settings.require(settings.enabled(), "notify." + name + ".url is required for the " + name + " channel");
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
    public abstract Future<Integer> send(OutboxRow row);

    /** A JSON POST to {@code url} that gives up after the channel's timeout. */
    protected HttpRequest<Buffer> postJson(String url) {
        return client.postAbs(url)
                .timeout(settings.timeout().toMillis())
                .putHeader("Content-Type", "application/json; charset=utf-8");
    }
}
