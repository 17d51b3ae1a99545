package io.anju.cases.intake;

import io.vertx.pgclient.PgException;

import java.util.Set;

/**
 * Tells an error the case store gave for one record from one it would give any record now. The first kind is retried
 * a bounded number of times ({@link IntakeSettings#maxAttempts}) and then quarantined, so one record nobody foresaw (a
 * key too long for its index, a bug) cannot stall the intake for ever; the second is an outage, retried for as long as
 * it lasts, so that an outage never sends good alerts to the quarantine.
 */
public final class StoreErrors {
    /**
     * SQLSTATE classes of a store that cannot take anything now: connection (08), invalid transaction state (25: a
     * read-only standby after a fail-over), transaction rollback (40: serialization failure, deadlock), insufficient
     * resources (53: disk full, too many connections), object not in prerequisite state (55: lock not available),
     * operator intervention (57: shutting down), system error (58).
     */
    private static final Set<String> OUTAGE_CLASSES = Set.of("08", "25", "40", "53", "55", "57", "58");

    private StoreErrors() {
    }

    /** True when the store answered, and its answer is about this record rather than about the store. */
    public static boolean recordsOwn(Throwable cause) {
        if (!(cause instanceof PgException pg)) {
            return false;
        }
        String state = pg.getSqlState();
        return state != null && state.length() == 5 && !OUTAGE_CLASSES.contains(state.substring(0, 2));
    }
}
