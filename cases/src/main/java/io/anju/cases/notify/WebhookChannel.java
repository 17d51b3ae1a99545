package io.anju.cases.notify;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;

import java.time.Clock;
import java.util.Optional;

/**
 * POSTs each notice as JSON to a receiver: {@code webhook} (people-facing, e.g. an SMS/IM gateway) or
 * {@code export} (the external district grid platform, a mirror that gets every notice).
 * <p>Headers: {@code Idempotency-Key} (the same on every attempt of one delivery), {@code X-Anju-Event} (the notice
 * kind), {@code X-Anju-Timestamp} (epoch seconds) and {@code X-Anju-Signature: sha256=<hex>}, the HMAC-SHA256 with
 * the shared secret of {@code "<timestamp>.<body>"}; see {@link WebhookSignature} for how a receiver verifies it.
 * <p>A 2xx answer is delivered; a 4xx other than 408 and 429 means the receiver refuses this request as such, so it
 * is not retried; anything else (5xx, 408, 429, timeouts, refused connections) is retried with backoff.
 */
public final class WebhookChannel implements DeliveryChannel {
    public static final String WEBHOOK = "webhook";
    public static final String EXPORT = "export";

    private final String name;
    private final WebClient client;
    private final WebhookSettings settings;
    private final boolean reachesPeople;
    private final Clock clock;

    /** The channel named {@link #EXPORT} is a mirror; any other name is people-facing. */
    public WebhookChannel(String name, WebClient client, WebhookSettings settings) {
        this(name, client, settings, Clock.systemUTC());
    }

    WebhookChannel(String name, WebClient client, WebhookSettings settings, Clock clock) {
        this.name = name;
        this.client = client;
        this.settings = settings.validate("notify." + name);
        Settings.urlFor(name, settings.enabled());
        this.reachesPeople = !EXPORT.equals(name);
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean reachesPeople() {
        return reachesPeople;
    }

    @Override
    public Optional<Backoff> backoff() {
        return Optional.of(settings.backoff());
    }

    @Override
    public Future<Void> deliver(OutboxRow row) {
        return send(row).mapEmpty();
    }

    @Override
    public Future<Integer> send(OutboxRow row) {
        long ts = clock.instant().getEpochSecond();
        return client.postAbs(settings.url())
                .timeout(settings.timeout().toMillis())
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Idempotency-Key", row.idempotencyKey())
                .putHeader("X-Anju-Event", row.kind())
                .putHeader("X-Anju-Timestamp", Long.toString(ts))
                .putHeader("X-Anju-Signature", WebhookSignature.sign(settings.secret(), ts, row.payload()))
                .sendBuffer(Buffer.buffer(row.payload()))
                .compose(response -> HttpAnswers.byStatus(name, response));
    }
}
