package io.anju.cases.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.Optional;

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
