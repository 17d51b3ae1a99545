package io.anju.cases.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.anju.cases.json.CasesJson;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The outbox in PostgreSQL: one {@code outbox} row per channel the {@link NotificationPolicy} picks for a notice,
 * written in the caller's transaction. A notice queued twice (a redelivered alert, a retried transaction) is
 * queued once: its idempotency key is unique.
 */
public final class PgOutbox implements Outbox {
    private static final String INSERT = """
            insert into outbox (channel, idempotency_key, case_id, event_seq, kind, payload, created_at, next_attempt_at)
            values ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $7)
            on conflict (idempotency_key) do nothing""";

    private final NotificationPolicy policy;
    private final OutboxDispatcher dispatcher;
    private final Collection<DeliveryChannel> channels;
    private final Clock clock;

    /** Checks at once that red cases reach enough channels (a WARN and a gauge, see NotificationPolicy). */
    public PgOutbox(NotificationPolicy policy, OutboxDispatcher dispatcher, Clock clock, MeterRegistry meters) {
        this.policy = policy;
        this.dispatcher = dispatcher;
        this.channels = List.copyOf(dispatcher.channels().values());
        this.clock = clock;
        policy.checkRedCoverage(channels, meters);
    }

    @Override
    public Future<Void> enqueue(SqlConnection tx, CaseNotice notice) {
        return enqueueAll(tx, List.of(notice));
    }

    /** Every row of every notice in one batch. */
    @Override
    public Future<Void> enqueueAll(SqlConnection tx, List<CaseNotice> notices) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<Tuple> rows = new ArrayList<>();
        for (CaseNotice notice : notices) {
            try {
                addRows(notice, now, rows);
            } catch (JsonProcessingException e) {
                return Future.failedFuture(new IllegalStateException("cannot write notice of case "
                        + notice.after().caseNo() + " as JSON", e));
            }
        }
        return rows.isEmpty() ? Future.succeededFuture() : tx.preparedQuery(INSERT).executeBatch(rows).mapEmpty();
    }

    private void addRows(CaseNotice notice, OffsetDateTime now, List<Tuple> rows) throws JsonProcessingException {
        List<String> targets = policy.channelsFor(notice, channels);
        if (targets.isEmpty()) {
            return;
        }
        // Acknowledge links go only where each reaches the one person it names: SMS to their own phone. A group
        // robot, the screens (SSE), the webhook and the export are read by others. A second rendering only when an
        // SMS row needs the links.
        CaseNotice shared = notice.withoutLinks();
        String withoutLinks = CasesJson.mapper().writeValueAsString(shared);
        String full = shared == notice || !targets.contains(SmsGatewayChannel.NAME) ? withoutLinks
                : CasesJson.mapper().writeValueAsString(notice);
        for (String channel : targets) {
            rows.add(Tuple.of(channel, notice.idempotencyKey(channel), notice.after().id(), notice.event().seq(),
                    notice.kind(), SmsGatewayChannel.NAME.equals(channel) ? full : withoutLinks, now));
        }
    }

    @Override
    public void wake() {
        dispatcher.wake();
    }
}
