package io.anju.cases.store;

import io.anju.common.alert.AlertStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * The alert status of a case that ended (closed or voided) before its alert cleared. Such a case takes no more
 * history from its alert's routine revisions, but the status it shows must stay true: a resume of the stopped port is
 * guarded by it (io.anju.cases.commands.ResumeGuards), and a closed case whose fire risk still reads "raised" would
 * refuse the resume for ever.
 */
public final class EndedCaseAlerts {

    private EndedCaseAlerts() {
    }

    /** Marks the alert {@code alertId} cleared on case {@code caseId} when that case still names it. */
    public static Future<Void> cleared(SqlConnection tx, long caseId, String alertId) {
        return tx.preparedQuery("update cases set alert_status = $3, version = version + 1 where id = $1 "
                        + "and alert_id = $2 and alert_status is distinct from $3")
                .execute(Tuple.of(caseId, alertId, AlertStatus.CLEARED.wireName())).mapEmpty();
    }
}
