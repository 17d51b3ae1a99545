package io.anju.cases.notify;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import java.time.Instant;

/**
 * What happens when a people-facing channel that confirms delivery ({@link DeliveryChannel#confirmsDelivery()})
 * gives a notice up. Called by the {@link OutboxDispatcher} inside the transaction that marks the row failed, so a
 * give-up is never recorded without its consequence (if this fails, the row is tried again after its lease).
 */
@FunctionalInterface
public interface UndeliveredNotices {

    /** Nothing happens: the give-up is only recorded and counted. */
    UndeliveredNotices IGNORE = (tx, row, now) -> Future.succeededFuture(false);

    /**
     * @param tx  the transaction that marked {@code row} failed
     * @param row the given-up row (its {@code attempts} as before the last attempt)
     * @return true when it queued new notices (the dispatcher then runs again)
     */
    Future<Boolean> givenUp(SqlConnection tx, OutboxRow row, Instant now);
}
