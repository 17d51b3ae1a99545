package io.anju.cases.notify;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * Queues a notice for delivery on every channel its policy names, inside the caller's transaction: a committed
 * change always has its notifications queued, and a rolled-back one never does. Delivery (with retries, across
 * restarts) happens after commit; {@link #wake()} tells the dispatcher there is work.
 */
public interface Outbox {

    Future<Void> enqueue(SqlConnection tx, CaseNotice notice);

    /** Called after commit; a no-op when the dispatcher will poll soon anyway. */
    void wake();

    /**
     * This outbox for one transaction that queues the notices of many cases (the intake's batches): it may look up
     * once what is the same for all of them. Use it for that transaction only.
     */
    default Outbox forOneTransaction() {
        return this;
    }
}
