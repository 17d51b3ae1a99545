package io.anju.cases.notify;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers queued outbox rows through their channels, after the transaction that queued them has committed.
 * Each round claims due rows ({@code for update skip locked}, so several instances never take the same row) by
 * moving their next attempt a lease ahead: a dispatcher that dies mid-delivery leaves them due again after the
 * lease, and rows pending at a shutdown are picked up by the next start. A delivered row gets {@code delivered_at};
 * the first delivery of a case to a people-facing channel sets {@code cases.first_notified_at} and records the time
 * from the alert (or the filing of a case by hand) in {@value #ALERT_TO_NOTIFICATION}, the GB/T 45839 ≤ 15 s figure.
 * A failed one is retried with exponential backoff and jitter, or given up ({@code failed_at}) after the channel's
 * last attempt or at once when the receiver refused it for good. Every attempt is recorded with its outcome in
 * {@code delivery_attempts} ({@link DeliveryAttempts}), in the transaction that records the row's. A row given up on a
 * channel that confirms delivery goes to the {@link UndeliveredNotices} handler in that same transaction.
 * <p>Rounds run one at a time on one Vert.x context: every {@code pollInterval} and at once on {@link #wake()}.
 */
public final class OutboxDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);

    /** Timer (Prometheus {@code anju_cases_alert_to_notification_seconds}). */
    public static final String ALERT_TO_NOTIFICATION = "anju.cases.alert.to.notification";
    /** Counter, tags {@code channel} and {@code outcome} (delivered, retried, failed). */
    public static final String DELIVERIES = "anju.cases.outbox.deliveries";
    private static final Duration NOTIFICATION_SLO = Duration.ofSeconds(15);
    private static final int MAX_ERROR_LENGTH = 1000;

    private static final String CLAIM = """
            update outbox o set next_attempt_at = $2
             where o.id in (select id from outbox
                             where delivered_at is null and failed_at is null and next_attempt_at <= $1
                               and channel = any($3)
                             order by next_attempt_at, id
                             limit $4
                             for update skip locked)
            returning o.id, o.channel, o.idempotency_key, o.case_id, o.event_seq, o.kind, o.payload::text as payload,
                      o.created_at, o.attempts""";
    private static final String DELIVERED =
            "update outbox set delivered_at = $2, attempts = attempts + 1, last_error = null where id = $1";
    private static final String FIRST_NOTIFIED = """
            update cases set first_notified_at = $2 where id = $1 and first_notified_at is null
            returning coalesce(alert_emitted_at, created_at) as since, first_notified_at as notified""";
    private static final String RETRY =
            "update outbox set attempts = attempts + 1, next_attempt_at = $2, last_error = $3 where id = $1";
    private static final String FAILED =
            "update outbox set attempts = attempts + 1, failed_at = $2, last_error = $3 where id = $1";

    private final Vertx vertx;
    private final Pool pool;
    private final Map<String, DeliveryChannel> channels;
    private final String[] channelNames;
    private final DispatcherSettings settings;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Timer alertToNotification;
    private final Context context;
    private volatile UndeliveredNotices undelivered = UndeliveredNotices.IGNORE;

    // Touched only on `context`.
    private long timerId = -1;
    private boolean stopped = true;
    private boolean running;
    private boolean again;
    private Promise<Void> stopping;

    public OutboxDispatcher(Vertx vertx, Pool pool, Map<String, DeliveryChannel> channels, DispatcherSettings settings,
                            MeterRegistry meters, Clock clock) {
        channels.forEach((k, v) -> {
            // The wiring's own mistake, not a setting's.
            if (!k.equals(v.name())) {
                throw new IllegalArgumentException("channel map key '" + k + "' differs from the channel's name '"
                        + v.name() + "'");
            }
        });
        this.vertx = vertx;
        this.pool = pool;
        this.channels = Map.copyOf(channels);
        this.channelNames = this.channels.keySet().stream().sorted().toArray(String[]::new);
        this.settings = settings;
        this.meters = meters;
        this.clock = clock;
        this.alertToNotification = Timer.builder(ALERT_TO_NOTIFICATION)
                .description("from the alert's emission (or a case's filing by hand) to its first delivery on a "
                        + "people-facing channel; GB/T 45839 asks for ≤ 15 s")
                .serviceLevelObjectives(NOTIFICATION_SLO)
                .register(meters);
        this.context = vertx.getOrCreateContext();
    }

    /** The channels by name, for {@link PgOutbox} and {@link NotificationPolicy}. */
    public Map<String, DeliveryChannel> channels() {
        return channels;
    }

    /** Sets what a notice given up on a confirming channel leads to (default: nothing); call before {@link #start}. */
    public OutboxDispatcher onUndelivered(UndeliveredNotices handler) {
        this.undelivered = handler;
        return this;
    }

    /** Starts polling; the first round runs at once, so rows left pending by an earlier run go out. */
    public void start() {
        context.runOnContext(v -> {
            if (!stopped) {
                return;
            }
            stopped = false;
            timerId = vertx.setPeriodic(settings.pollInterval().toMillis(), id -> trigger());
            LOG.info("outbox dispatcher started: channels {}, polling every {}", List.of(channelNames),
                    settings.pollInterval());
            trigger();
        });
    }

    /** Stops polling; completes when the round in progress (if any) has recorded its outcomes. */
    public Future<Void> stop() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            stopped = true;
            if (timerId >= 0) {
                vertx.cancelTimer(timerId);
                timerId = -1;
            }
            if (running) {
                stopping = done;
            } else {
                done.complete();
            }
        });
        return done.future();
    }

    /** Runs a round now (or right after the current one): called after a commit that queued rows. */
    public void wake() {
        context.runOnContext(v -> trigger());
    }

    private void trigger() {
        if (stopped) {
            return;
        }
        if (running) {
            again = true;
            return;
        }
        running = true;
        dispatchDue().onComplete(ar -> context.runOnContext(v -> afterRound(ar.succeeded() ? ar.result() : -1,
                ar.cause())));
    }

    private void afterRound(int handled, Throwable failure) {
        running = false;
        if (failure != null) {
            LOG.warn("outbox round failed, next poll retries: {}", failure.toString());
        }
        if (stopping != null) {
            stopping.complete();
            stopping = null;
            return;
        }
        if (!stopped && (again || handled >= settings.batchSize())) {
            again = false;
            trigger();
        }
    }

    /**
     * One round: claims due rows, delivers them, records the outcomes. The rows delivered are recorded together, in one
     * transaction once the round's attempts are over (each with the time its delivery completed); a failed one in a
     * transaction of its own, as its retry or give-up needs. Yields the number of rows handled.
     */
    Future<Integer> dispatchDue() {
        if (channelNames.length == 0) {
            return Future.succeededFuture(0);
        }
        Instant now = clock.instant();
        return pool.withTransaction(conn -> conn.preparedQuery(CLAIM)
                        .execute(Tuple.of(at(now), at(now.plus(settings.lease())), channelNames, settings.batchSize())))
                .compose(rows -> {
                    List<OutboxRow> claimed = toRows(rows);
                    // Filled by the channels' completions, which may run on other event loops.
                    List<Delivered> delivered = Collections.synchronizedList(new ArrayList<>());
                    List<Future<Void>> outcomes = new ArrayList<>(claimed.size());
                    for (OutboxRow row : claimed) {
                        DeliveryChannel channel = channels.get(row.channel());
                        Instant startedAt = clock.instant();
                        long started = System.nanoTime();
                        outcomes.add(attempt(channel, row).transform(ar -> {
                            Attempt a = new Attempt(row, startedAt, (System.nanoTime() - started) / 1_000_000);
                            if (ar.succeeded()) {
                                count(row.channel(), "delivered");
                                delivered.add(new Delivered(channel, a, ar.result(), clock.instant()));
                                return Future.succeededFuture();
                            }
                            return failed(channel, a, ar.cause());
                        }));
                    }
                    return Future.join(outcomes).transform(ar -> recordDelivered(List.copyOf(delivered)))
                            .transform(ar -> Future.succeededFuture(claimed.size()));
                });
    }

    private static List<OutboxRow> toRows(RowSet<Row> rows) {
        List<OutboxRow> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(new OutboxRow(r.getLong("id"), r.getString("channel"), r.getString("idempotency_key"),
                    r.getLong("case_id"), r.getLong("event_seq"), r.getString("kind"), r.getString("payload"),
                    r.getOffsetDateTime("created_at").toInstant(), r.getInteger("attempts")));
        }
        // Deliver in queue order, so a live stream sees notices in the order they were committed.
        out.sort(Comparator.comparingLong(OutboxRow::id));
        return out;
    }

    /** One attempt at a row: when it started and how long it took. */
    private record Attempt(OutboxRow row, Instant startedAt, long durationMs) {
    }

    private Future<Integer> attempt(DeliveryChannel channel, OutboxRow row) {
        Promise<Integer> result = Promise.promise();
        long timer = vertx.setTimer(settings.deliveryTimeout().toMillis(), id -> result.tryFail(
                DeliveryFailure.retryable("no answer within " + settings.deliveryTimeout())));
        Future<Integer> delivery;
        try {
            delivery = channel.send(row);
        } catch (RuntimeException e) {
            delivery = Future.failedFuture(e);
        }
        delivery.onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (ar.succeeded()) {
                result.tryComplete(ar.result());
            } else {
                result.tryFail(ar.cause());
            }
        });
        return result.future();
    }

    /** A row delivered: its attempt, the receiver's answer and when the delivery completed. */
    private record Delivered(DeliveryChannel channel, Attempt attempt, Integer httpStatus, Instant at) {
    }

    /**
     * Marks the round's delivered rows, records their attempts and the first people-facing delivery of each case, in
     * one transaction: a round of many notices costs one commit, not one per row.
     */
    private Future<Void> recordDelivered(List<Delivered> delivered) {
        if (delivered.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Tuple> marks = new ArrayList<>(delivered.size());
        List<Tuple> firsts = new ArrayList<>();
        for (Delivered d : delivered) {
            marks.add(Tuple.of(d.attempt().row().id(), at(d.at())));
            if (d.channel().reachesPeople()) {
                firsts.add(Tuple.of(d.attempt().row().caseId(), at(d.at())));
            }
        }
        return pool.withTransaction(conn -> conn.preparedQuery(DELIVERED).executeBatch(marks)
                        .compose(ignored -> DeliveryAttempts.recordAll(conn, delivered.stream()
                                .map(d -> DeliveryAttempts.row(d.attempt().row(), d.attempt().startedAt(),
                                        DeliveryAttempts.DELIVERED, d.httpStatus(), null, d.attempt().durationMs()))
                                .toList()))
                        .compose(ignored -> firsts.isEmpty() ? Future.succeededFuture((RowSet<Row>) null)
                                : conn.preparedQuery(FIRST_NOTIFIED).executeBatch(firsts)))
                .map(first -> {
                    for (RowSet<Row> r = first; r != null; r = r.next()) {
                        for (Row row : r) {
                            OffsetDateTime since = row.getOffsetDateTime("since");
                            OffsetDateTime notified = row.getOffsetDateTime("notified");
                            Duration took = Duration.between(since.toInstant(), notified.toInstant());
                            alertToNotification.record(took.isNegative() ? Duration.ZERO : took);
                        }
                    }
                    return (Void) null;
                })
                .onFailure(e -> LOG.warn("{} outbox rows were delivered but not marked: {} (they may go out again)",
                        delivered.size(), e.toString()));
    }

    private Future<Void> failed(DeliveryChannel channel, Attempt a, Throwable cause) {
        Instant now = clock.instant();
        OutboxRow row = a.row();
        Backoff backoff = channel.backoff().orElse(settings.retry());
        String error = describe(cause);
        Integer status = DeliveryFailure.httpStatusOf(cause);
        if (DeliveryFailure.isPermanent(cause) || backoff.exhaustedAfter(row.attempt())) {
            count(row.channel(), "failed");
            LOG.warn("gave up delivering outbox row {} ({} of case {}) on {} after {} attempt(s): {}", row.id(),
                    row.kind(), row.caseId(), row.channel(), row.attempt(), error);
            UndeliveredNotices handler = channel.confirmsDelivery() ? undelivered : UndeliveredNotices.IGNORE;
            return pool.withTransaction(tx -> tx.preparedQuery(FAILED).execute(Tuple.of(row.id(), at(now), error))
                            .compose(v -> DeliveryAttempts.record(tx, row, a.startedAt(), DeliveryAttempts.FAILED,
                                    status, error, a.durationMs()))
                            .compose(v -> handler.givenUp(tx, row, now)))
                    .onSuccess(queued -> {
                        if (queued) {
                            wake();
                        }
                    })
                    .mapEmpty();
        }
        Duration wait = backoff.delayAfter(row.attempt(), () -> ThreadLocalRandom.current().nextDouble());
        count(row.channel(), "retried");
        LOG.info("outbox row {} on {} failed attempt {}, retrying in {} ms: {}", row.id(), row.channel(),
                row.attempt(), wait.toMillis(), error);
        return pool.withTransaction(tx -> tx.preparedQuery(RETRY).execute(Tuple.of(row.id(), at(now.plus(wait)), error))
                .compose(v -> DeliveryAttempts.record(tx, row, a.startedAt(), DeliveryAttempts.RETRY, status, error,
                        a.durationMs())));
    }

    private void count(String channel, String outcome) {
        meters.counter(DELIVERIES, "channel", channel, "outcome", outcome).increment();
    }

    private static String describe(Throwable t) {
        String s = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return s.length() > MAX_ERROR_LENGTH ? s.substring(0, MAX_ERROR_LENGTH) : s;
    }

    private static OffsetDateTime at(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
