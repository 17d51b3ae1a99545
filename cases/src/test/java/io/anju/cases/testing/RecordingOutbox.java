package io.anju.cases.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.anju.cases.json.CasesJson;
import io.anju.cases.notify.CaseNotice;
import io.anju.cases.notify.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records every notice as an {@code outbox} row of channel {@code recorder} in the caller's transaction, so a test
 * sees exactly the notices of committed changes (a rolled-back change leaves none), and counts wake-ups.
 */
public final class RecordingOutbox implements Outbox {
    public static final String CHANNEL = "recorder";
    private final AtomicInteger wakes = new AtomicInteger();

    @Override
    public Future<Void> enqueue(SqlConnection tx, CaseNotice notice) {
        String payload;
        try {
            payload = CasesJson.mapper().writeValueAsString(notice);
        } catch (JsonProcessingException e) {
            return Future.failedFuture(e);
        }
        return tx.preparedQuery("insert into outbox (channel, idempotency_key, case_id, event_seq, kind, payload, "
                        + "created_at, next_attempt_at) values ($1, $2, $3, $4, $5, $6, now(), now())")
                .execute(Tuple.of(CHANNEL, notice.idempotencyKey(CHANNEL), notice.after().id(), notice.event().seq(),
                        notice.kind(), new JsonObject(payload)))
                .mapEmpty();
    }

    @Override
    public void wake() {
        wakes.incrementAndGet();
    }

    public int wakes() {
        return wakes.get();
    }
}
