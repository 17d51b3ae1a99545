package io.anju.cases.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Alert records already applied. The receipt is claimed first in the applying transaction: a concurrent redelivery
 * waits on the primary key and then sees a repeat, so the same (alert id, revision) is never applied twice. A record
 * whose alert has a higher revision applied already is stale ({@link #later}).
 */
public final class ReceiptSql {

    /** A receipt that was already there: the case it went to, or none (a clear that opened nothing). */
    public record Receipt(Optional<Long> caseId) {
    }

    private ReceiptSql() {
    }

    /** Claims the receipt; empty when this is the first time, else what the earlier application did. */
    public static Future<Optional<Receipt>> claim(SqlClient db, String alertId, int revision, Instant now) {
        return db.preparedQuery("insert into alert_receipts (alert_id, revision, case_id, received_at) "
                        + "values ($1, $2, null, $3) on conflict do nothing")
                .execute(Tuple.of(alertId, revision, CaseRows.time(now)))
                .compose(inserted -> inserted.rowCount() == 1 ? Future.succeededFuture(Optional.<Receipt>empty())
                        : db.preparedQuery("select case_id from alert_receipts where alert_id = $1 and revision = $2")
                        .execute(Tuple.of(alertId, revision))
                        .map(ReceiptSql::first));
    }

    /**
     * Claims the receipts of many records in one statement; returns the keys ({@link #key}) of those claimed now. The
     * others were there already: each is a repeat for {@link #claim} to explain.
     */
    public static Future<Set<String>> claimAll(SqlClient db, List<String> alertIds, List<Integer> revisions,
                                               Instant now) {
        return db.preparedQuery("insert into alert_receipts (alert_id, revision, case_id, received_at) "
                        + "select a, r, null, $3 from unnest($1::text[], $2::int[]) as t(a, r) "
                        + "on conflict do nothing returning alert_id, revision")
                .execute(records(alertIds, revisions).addValue(CaseRows.time(now)))
                .map(ReceiptSql::keys);
    }

    /** Of the given records, the keys ({@link #key}) of those whose alert has a higher revision received already. */
    public static Future<Set<String>> withLater(SqlClient db, List<String> alertIds, List<Integer> revisions) {
        return db.preparedQuery("select distinct t.a as alert_id, t.r as revision "
                        + "from unnest($1::text[], $2::int[]) as t(a, r) "
                        + "join alert_receipts x on x.alert_id = t.a and x.revision > t.r")
                .execute(records(alertIds, revisions))
                .map(ReceiptSql::keys);
    }

    /** Attaches many receipts to their cases in one statement. */
    public static Future<Void> attachAll(SqlClient db, List<String> alertIds, List<Integer> revisions,
                                         List<Long> caseIds) {
        return db.preparedQuery("update alert_receipts x set case_id = t.c "
                        + "from unnest($1::text[], $2::int[], $3::bigint[]) as t(a, r, c) "
                        + "where x.alert_id = t.a and x.revision = t.r")
                .execute(records(alertIds, revisions).addValue(caseIds.toArray(new Long[0])))
                .mapEmpty();
    }

    /** The records as the statements above take them: $1 the alert ids, $2 their revisions. */
    private static Tuple records(List<String> alertIds, List<Integer> revisions) {
        return Tuple.tuple().addValue(alertIds.toArray(new String[0])).addValue(revisions.toArray(new Integer[0]));
    }

    /** How a record is named in the sets above. */
    public static String key(String alertId, int revision) {
        return alertId + "#" + revision;
    }

    private static Set<String> keys(RowSet<Row> rows) {
        Set<String> out = new HashSet<>();
        for (Row r : rows) {
            out.add(key(r.getString(0), r.getInteger(1)));
        }
        return out;
    }

    /** The receipt of the highest revision of the alert above {@code revision}; empty when there is none. */
    public static Future<Optional<Receipt>> later(SqlClient db, String alertId, int revision) {
        return db.preparedQuery("select case_id from alert_receipts where alert_id = $1 and revision > $2 "
                        + "order by revision desc limit 1")
                .execute(Tuple.of(alertId, revision))
                .map(ReceiptSql::first);
    }

    /** The receipt in the first row ({@code case_id}), empty when there is no row. */
    private static Optional<Receipt> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty()
                : Optional.of(new Receipt(Optional.ofNullable(rows.iterator().next().getLong(0))));
    }

    public static Future<Void> attach(SqlClient db, String alertId, int revision, long caseId) {
        return db.preparedQuery("update alert_receipts set case_id = $3 where alert_id = $1 and revision = $2")
                .execute(Tuple.of(alertId, revision, caseId)).mapEmpty();
    }
}
