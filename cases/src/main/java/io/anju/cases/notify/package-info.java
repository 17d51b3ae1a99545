/**
 * Notifications and export of case changes, through a transactional outbox.
 * <p>The case service calls {@link io.anju.cases.notify.Outbox#enqueue} inside the transaction of every change and
 * {@link io.anju.cases.notify.Outbox#wake} after commit. {@link io.anju.cases.notify.PgOutbox} writes one row per
 * channel the {@link io.anju.cases.notify.NotificationPolicy} picks; {@link io.anju.cases.notify.OutboxDispatcher}
 * delivers them at least once, with retries, across restarts, through the
 * {@link io.anju.cases.notify.DeliveryChannel}s: {@link io.anju.cases.notify.WebhookChannel} ({@code webhook} for
 * people, {@code export} for the district grid platform; signed, see
 * {@link io.anju.cases.notify.WebhookSignature}), the push channels {@link io.anju.cases.notify.WeComChannel},
 * {@link io.anju.cases.notify.DingTalkChannel} and {@link io.anju.cases.notify.SmsGatewayChannel} (one Chinese
 * message from {@link io.anju.cases.notify.NoticeText}) and {@link io.anju.cases.notify.SseHub} (the live stream).
 * Every attempt is recorded ({@link io.anju.cases.notify.DeliveryAttempts}); a notice given up on a channel that
 * confirms delivery goes to an {@link io.anju.cases.notify.UndeliveredNotices} handler (the case service's escalates
 * red cases, see {@code io.anju.cases.undelivered}).
 * <p>Wiring:
 * <pre>{@code
 * SseHub sse = new SseHub(vertx, pool, access, SseSettings.defaults(), texts);
 * Map<String, DeliveryChannel> channels = new HashMap<>(Map.of(SseHub.NAME, sse));
 * if (webhook.enabled()) channels.put("webhook", new WebhookChannel("webhook", webClient, webhook));
 * if (export.enabled())  channels.put("export", new WebhookChannel("export", webClient, export));
 * OutboxDispatcher dispatcher = new OutboxDispatcher(vertx, pool, channels, DispatcherSettings.defaults(), meters, clock);
 * Outbox outbox = new PgOutbox(NotificationPolicy.defaults(), dispatcher, clock, meters);
 * dispatcher.start();
 * router.get("/api/v1/events").handler(jwt).handler(ctx -> sse.handle(ctx, principalOf(ctx)));
 * // on shutdown: dispatcher.stop(), then sse.close()
 * }</pre>
 */
package io.anju.cases.notify;
