package io.anju.cases.store;

import io.anju.common.alert.AlertStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * The alert status of cases that ended (closed or voided) before their alert cleared. Such a case takes no more
 * history from its alert's routine revisions, but the status it shows must stay true: a resume of the stopped port is
 * guarded by it (io.anju.cases.commands.ResumeGuards), and a closed case whose fire risk still reads "raised" would
 * refuse the resume for ever. One episode can have more than one such case: one closed while the alert was orange, and
 * the one its later red opened; the clear reaches every one of them.
 */
public final class EndedCaseAlerts {

    private EndedCaseAlerts() {
    }

    /**
     * Marks the alert {@code alertId} cleared on every case of {@code dedupKey} that still names it and does not say so
     * yet; run after the open case, if any, took the clear.
     */
    public static Future<Void> cleared(SqlConnection tx, String dedupKey, String alertId) {
        return tx.preparedQuery("update cases set alert_status = $3, version = version + 1 where dedup_key = $1 "
                        + "and alert_id = $2 and alert_status is distinct from $3")
                .execute(Tuple.of(dedupKey, alertId, AlertStatus.CLEARED.wireName())).mapEmpty();
    }
}
