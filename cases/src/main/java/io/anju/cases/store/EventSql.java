package io.anju.cases.store;

import io.anju.cases.model.CaseEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Appends to and reads the audit trail {@code case_events}. */
public final class EventSql {

    private EventSql() {
    }

    public static Future<CaseEvent> insert(SqlClient db, long caseId, Instant at, NewEvent e) {
        return db.preparedQuery("insert into case_events (case_id, at, actor, actor_role, kind, from_state, to_state, "
                        + "note, attachments, data) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning *")
                .execute(Tuple.wrap(new ArrayList<>(java.util.Arrays.asList(caseId, CaseRows.time(at), e.actor(),
                        e.actorRole(), e.kind(), e.from() == null ? null : e.from().wireName(),
                        e.to() == null ? null : e.to().wireName(), e.note(), e.attachments().toArray(new String[0]),
                        CaseRows.dataJson(e.data())))))
                .map(rows -> CaseRows.toEvent(rows.iterator().next()));
    }

    /** The case's history, oldest first. */
    public static Future<List<CaseEvent>> history(SqlClient db, long caseId) {
        return db.preparedQuery("select * from case_events where case_id = $1 order by seq").execute(Tuple.of(caseId))
                .map(rows -> {
                    List<CaseEvent> events = new ArrayList<>();
                    for (Row r : rows) {
                        events.add(CaseRows.toEvent(r));
                    }
                    return events;
                });
    }
}
