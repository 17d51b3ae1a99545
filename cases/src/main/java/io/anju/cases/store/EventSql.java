package io.anju.cases.store;

import io.anju.cases.model.CaseEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Appends to and reads the audit trail {@code case_events}. */
public final class EventSql {

    private static final String INSERT_ROW = "insert into case_events (case_id, at, actor, actor_role, kind, "
            + "from_state, to_state, note, attachments, data) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";

    private EventSql() {
    }

    public static Future<CaseEvent> insert(SqlClient db, long caseId, Instant at, NewEvent e) {
        return db.preparedQuery(INSERT_ROW + " returning *").execute(row(caseId, at, e, CaseRows.dataJson(e.data())))
                .map(rows -> CaseRows.toEvent(rows.iterator().next()));
    }

    private static Tuple row(long caseId, Instant at, NewEvent e, JsonObject data) {
        return Tuple.wrap(new ArrayList<>(java.util.Arrays.asList(caseId, CaseRows.time(at), e.actor(), e.actorRole(),
                e.kind(), e.from() == null ? null : e.from().wireName(), e.to() == null ? null : e.to().wireName(),
                e.note(), e.attachments().toArray(new String[0]), data)));
    }

    /** An entry of {@link #insertAll}: the case it belongs to and the entry. */
    public record Entry(long caseId, NewEvent event) {
    }

    /**
     * Appends many entries, all at {@code at} (whole microseconds), in one batch; returns them as stored, in order.
     * Each entry's data reads back as it would from the row (JSON values as maps and lists).
     */
    public static Future<List<CaseEvent>> insertAll(SqlClient db, Instant at, List<Entry> entries) {
        if (entries.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        List<Tuple> rows = new ArrayList<>(entries.size());
        List<Map<String, Object>> data = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            NewEvent e = entry.event();
            JsonObject json = CaseRows.dataJson(e.data());
            data.add(CaseRows.data(json));
            rows.add(row(entry.caseId(), at, e, json));
        }
        return db.preparedQuery(INSERT_ROW + " returning seq").executeBatch(rows).map(result -> {
            List<CaseEvent> out = new ArrayList<>(entries.size());
            RowSet<Row> r = result;
            for (int i = 0; i < entries.size(); i++) {
                NewEvent e = entries.get(i).event();
                out.add(new CaseEvent(r.iterator().next().getLong(0), entries.get(i).caseId(), at, e.actor(),
                        e.actorRole(), e.kind(), e.from(), e.to(), e.note(), e.attachments(), data.get(i)));
                r = r.next();
            }
            return out;
        });
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
