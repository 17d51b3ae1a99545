package io.anju.cases.notify;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The {@code delivery_attempts} table: every delivery attempt and its outcome, written with the outbox row's. */
public final class DeliveryAttempts {
    public static final String DELIVERED = "delivered";
    public static final String RETRY = "retry";
    public static final String FAILED = "failed";

    // A dispatcher that died mid-attempt leaves the row's count unchanged, so the retry after the lease reuses the
    // number: the first record of that number is kept.
    private static final String INSERT = """
            insert into delivery_attempts (outbox_id, attempt, at, outcome, http_status, error, duration_ms)
            values ($1, $2, $3, $4, $5, $6, $7) on conflict (outbox_id, attempt) do nothing""";
    private static final String OF_CASE = """
            select a.outbox_id, o.channel, o.event_seq, o.kind, a.attempt, a.at, a.outcome, a.http_status, a.error,
                   a.duration_ms
              from delivery_attempts a join outbox o on o.id = a.outbox_id
             where o.case_id = $1
             order by a.at, a.outbox_id, a.attempt""";

    private final Pool pool;

    public DeliveryAttempts(Pool pool) {
        this.pool = pool;
    }

    /** Records one attempt (the dispatcher does, in the transaction that records the row's outcome). */
    static Future<Void> record(SqlClient tx, OutboxRow row, Instant startedAt, String outcome, Integer httpStatus,
                               String error, long durationMs) {
        return tx.preparedQuery(INSERT).execute(row(row, startedAt, outcome, httpStatus, error, durationMs)).mapEmpty();
    }

    /** Records many attempts in one batch. */
    static Future<Void> recordAll(SqlClient tx, List<Tuple> attempts) {
        return attempts.isEmpty() ? Future.succeededFuture() : tx.preparedQuery(INSERT).executeBatch(attempts).mapEmpty();
    }

    /** One attempt as {@link #recordAll} takes it. */
    static Tuple row(OutboxRow row, Instant startedAt, String outcome, Integer httpStatus, String error,
                     long durationMs) {
        return Tuple.from(new Object[]{row.id(), row.attempt(), OffsetDateTime.ofInstant(startedAt, ZoneOffset.UTC),
                outcome, httpStatus, error, (int) Math.min(Integer.MAX_VALUE, durationMs)});
    }

    /** The attempts of a case's notices on every channel, oldest first. The caller checks the case's scope. */
    public Future<List<DeliveryAttempt>> ofCase(long caseId) {
        return pool.preparedQuery(OF_CASE).execute(Tuple.of(caseId)).map(rows -> {
            List<DeliveryAttempt> out = new ArrayList<>(rows.size());
            for (Row r : rows) {
                out.add(new DeliveryAttempt(r.getLong("outbox_id"), r.getString("channel"), r.getLong("event_seq"),
                        r.getString("kind"), r.getInteger("attempt"), r.getOffsetDateTime("at").toInstant(),
                        r.getString("outcome"), r.getInteger("http_status"), r.getString("error"),
                        r.getInteger("duration_ms")));
            }
            return out;
        });
    }
}
