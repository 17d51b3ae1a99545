package io.anju.cases.api;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

import java.util.function.Supplier;

/**
 * What GET /health reports: each check answers true when its part works. A check that fails or takes longer than
 * the health endpoint waits counts as down.
 *
 * @param database the case store answers
 * @param intake   the alert intake is consuming {@code anju.alerts}
 * @param commands the command outcome intake is consuming {@code anju.command-results}
 */
public record HealthChecks(Supplier<Future<Boolean>> database, Supplier<Future<Boolean>> intake,
                           Supplier<Future<Boolean>> commands) {

    /** Without a command outcome intake (a service that files no command outcomes). */
    public HealthChecks(Supplier<Future<Boolean>> database, Supplier<Future<Boolean>> intake) {
        this(database, intake, () -> Future.succeededFuture(true));
    }

    /** A database check that runs {@code select 1} on the pool. */
    public static Supplier<Future<Boolean>> ping(Pool pool) {
        return () -> pool.query("select 1").execute().map(rows -> rows.rowCount() == 1);
    }
}
