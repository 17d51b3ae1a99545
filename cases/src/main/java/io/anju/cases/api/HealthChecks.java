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
 * @param kafka    the Kafka cluster answers ({@code io.anju.common.topic.KafkaProbe}): the intakes only retry quietly
 *                 while it does not
 * @param registry the registry relay publishes every revision of the device registry to {@code anju.registry}
 * @param diagnostics the diagnostics intake is consuming {@code anju.diagnostics} into the case store
 * @param twin     the twin keeper is reading the gateway's streams and publishing to {@code anju.twin}
 */
public record HealthChecks(Supplier<Future<Boolean>> database, Supplier<Future<Boolean>> intake,
                           Supplier<Future<Boolean>> commands, Supplier<Future<Boolean>> kafka,
                           Supplier<Future<Boolean>> registry, Supplier<Future<Boolean>> diagnostics,
                           Supplier<Future<Boolean>> twin) {

    /** Without a twin keeper. */
    public HealthChecks(Supplier<Future<Boolean>> database, Supplier<Future<Boolean>> intake,
                        Supplier<Future<Boolean>> commands, Supplier<Future<Boolean>> kafka,
                        Supplier<Future<Boolean>> registry, Supplier<Future<Boolean>> diagnostics) {
        this(database, intake, commands, kafka, registry, diagnostics, () -> Future.succeededFuture(true));
    }

    /** Without a diagnostics intake. */
    public HealthChecks(Supplier<Future<Boolean>> database, Supplier<Future<Boolean>> intake,
                        Supplier<Future<Boolean>> commands, Supplier<Future<Boolean>> kafka,
                        Supplier<Future<Boolean>> registry) {
        this(database, intake, commands, kafka, registry, () -> Future.succeededFuture(true));
    }

    /** Without a registry relay (a service that publishes no registry). */
    public HealthChecks(Supplier<Future<Boolean>> database, Supplier<Future<Boolean>> intake,
                        Supplier<Future<Boolean>> commands, Supplier<Future<Boolean>> kafka) {
        this(database, intake, commands, kafka, () -> Future.succeededFuture(true));
    }

    /** Without a command outcome intake and a Kafka of its own to watch (a service that reads no topic itself). */
    public HealthChecks(Supplier<Future<Boolean>> database, Supplier<Future<Boolean>> intake) {
        this(database, intake, () -> Future.succeededFuture(true), () -> Future.succeededFuture(true));
    }

    /** A database check that runs {@code select 1} on the pool. */
    public static Supplier<Future<Boolean>> ping(Pool pool) {
        return () -> pool.query("select 1").execute().map(rows -> rows.rowCount() == 1);
    }
}
