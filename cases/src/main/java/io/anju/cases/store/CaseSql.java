package io.anju.cases.store;

import io.anju.cases.model.CaseException;
import io.anju.cases.model.CaseState;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.anju.cases.store.CaseRows.time;

/**
 * Reads and writes whole rows of {@code cases}. A write sends every column the service owns in one statement, guarded
 * by the version read, and returns the row as stored. {@code first_notified_at} belongs to the notifier and is never
 * written here.
 */
public final class CaseSql {
    private static final List<String> COLUMNS = List.of("case_no", "origin", "title", "description", "category_code",
            "department", "coordinating_departments", "severity", "state", "response", "dedup_key", "alert_id",
            "alert_type", "alert_status", "alert_severity", "recommended_action", "sub_district_id", "community_id",
            "grid_id", "compound_id", "zone_id", "source_kind", "source_id", "device_id", "port", "evidence",
            "assigned_level", "assigned_unit", "assignee", "created_at", "updated_at", "first_event_at", "alert_emitted_at",
            "dispatch_due_at", "dispatched_at", "deadline_at", "feedback_at", "closed_at", "evaluated_at", "overdue",
            "extended", "reworked", "reminders", "next_supervision_at", "evaluation_score", "void_reason",
            "state_before_clear", "escalations", "acknowledge_due_at", "acknowledged_at", "supervision_stage", "alert_facts");
    private static final String INSERT_ROW = "insert into cases (" + String.join(", ", COLUMNS) + ") values ("
            + IntStream.rangeClosed(1, COLUMNS.size()).mapToObj(i -> "$" + i).collect(Collectors.joining(", ")) + ")";
    private static final String INSERT = INSERT_ROW + " returning *";
    /** For {@link #insertAll}: the record is built from the draft, so only what the database assigns comes back. */
    private static final String INSERT_MANY = INSERT_ROW + " returning id, version";
    private static final String UPDATE = "update cases set "
            + IntStream.range(0, COLUMNS.size()).mapToObj(i -> COLUMNS.get(i) + " = $" + (i + 1))
            .collect(Collectors.joining(", "))
            + ", version = version + 1 where id = $" + (COLUMNS.size() + 1) + " and version = $" + (COLUMNS.size() + 2)
            + " returning *";

    /** What the intake needs to know of a dedup key's latest case, open or ended. */
    public record Latest(String alertId, CaseState state) {
    }

    private CaseSql() {
    }

    /**
     * Inserts many new cases in one batch and sets each draft's {@code id} and {@code version}, so
     * {@link CaseDraft#toRecord()} is the row as stored. Their times must already be whole microseconds.
     */
    public static Future<Void> insertAll(SqlClient db, List<CaseDraft> drafts) {
        if (drafts.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Tuple> rows = new ArrayList<>(drafts.size());
        drafts.forEach(d -> rows.add(Tuple.wrap(values(d))));
        return db.preparedQuery(INSERT_MANY).executeBatch(rows).map(result -> {
            RowSet<Row> r = result;
            for (CaseDraft d : drafts) {
                Row row = single(r);
                d.id = row.getLong("id");
                d.version = row.getInteger("version");
                r = r.next();
            }
            return null;
        });
    }

    /** The latest case of each of the dedup keys that has any; a key without a case is not in the map. */
    public static Future<Map<String, Latest>> latestOfKeys(SqlClient db, List<String> dedupKeys) {
        return db.preparedQuery("select distinct on (dedup_key) dedup_key, alert_id, state from cases "
                        + "where dedup_key = any($1) order by dedup_key, created_at desc, id desc")
                .execute(Tuple.of(dedupKeys.toArray(new String[0])))
                .map(rows -> {
                    Map<String, Latest> out = new HashMap<>();
                    for (Row r : rows) {
                        out.put(r.getString("dedup_key"),
                                new Latest(r.getString("alert_id"), CaseState.fromWire(r.getString("state"))));
                    }
                    return out;
                });
    }

    public static Future<Row> insert(SqlClient db, CaseDraft d) {
        return db.preparedQuery(INSERT).execute(Tuple.wrap(values(d))).map(CaseSql::single);
    }

    /** Writes the draft back; fails when the row changed since it was read (callers hold it FOR UPDATE). */
    public static Future<Row> update(SqlClient db, CaseDraft d) {
        List<Object> values = values(d);
        values.add(d.id);
        values.add(d.version);
        return db.preparedQuery(UPDATE).execute(Tuple.wrap(values)).map(rows -> {
            if (rows.rowCount() == 0) {
                throw new CaseException(CaseException.Kind.CONFLICT, CaseException.Reason.CASE_CHANGED,
                        "case " + d.id + " changed meanwhile; reload and try again");
            }
            return single(rows);
        });
    }

    public static Future<Optional<Row>> byId(SqlClient db, long id, boolean forUpdate) {
        return db.preparedQuery("select * from cases where id = $1" + (forUpdate ? " for update" : ""))
                .execute(Tuple.of(id)).map(CaseSql::first);
    }

    public static Future<Optional<Row>> openByDedupKey(SqlClient db, String dedupKey) {
        return db.preparedQuery("select * from cases where dedup_key = $1 and state not in " + CaseState.ENDED_SQL
                + " for update").execute(Tuple.of(dedupKey)).map(CaseSql::first);
    }

    /** The latest case of a dedup key, open or not. */
    public static Future<Optional<Row>> latestByDedupKey(SqlClient db, String dedupKey) {
        return db.preparedQuery("select * from cases where dedup_key = $1 order by created_at desc, id desc limit 1")
                .execute(Tuple.of(dedupKey)).map(CaseSql::first);
    }

    private static List<Object> values(CaseDraft d) {
        return new ArrayList<>(Arrays.asList(d.caseNo, d.origin.wireName(), d.title, d.description, d.categoryCode,
                d.department, d.coordinatingDepartments.toArray(new String[0]), d.severity.wireName(),
                d.state.wireName(), d.response.wireName(), d.dedupKey, d.alertId,
                d.alertType == null ? null : d.alertType.wireName(),
                d.alertStatus == null ? null : d.alertStatus.wireName(),
                d.alertSeverity == null ? null : d.alertSeverity.wireName(), d.recommendedAction,
                d.location.subDistrictId(), d.location.communityId(), d.location.gridId(), d.location.compoundId(),
                d.location.zoneId(), d.sourceKind, d.sourceId, d.deviceId, d.port, CaseRows.evidenceJson(d.evidence),
                d.assignedLevel.wireName(), d.assignedUnit, d.assignee, time(d.createdAt), time(d.updatedAt),
                time(d.firstEventAt), time(d.alertEmittedAt), time(d.dispatchDueAt), time(d.dispatchedAt),
                time(d.deadlineAt), time(d.feedbackAt), time(d.closedAt), time(d.evaluatedAt), d.overdue, d.extended,
                d.reworked, d.reminders, time(d.nextSupervisionAt), d.evaluationScore, d.voidReason,
                d.stateBeforeClear == null ? null : d.stateBeforeClear.wireName(), d.escalations,
                time(d.acknowledgeDueAt), time(d.acknowledgedAt),
                d.supervisionStage == null ? null : d.supervisionStage.wireName(), CaseRows.factsJson(d.alertFacts)));
    }

    private static Row single(RowSet<Row> rows) {
        return rows.iterator().next();
    }

    private static Optional<Row> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
    }
}
