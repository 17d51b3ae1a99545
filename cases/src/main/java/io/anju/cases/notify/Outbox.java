package io.anju.cases.notify;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import java.util.List;

/**
 * Queues a notice for delivery on every channel its policy names, inside the caller's transaction: a committed
 * change always has its notifications queued, and a rolled-back one never does. Delivery (with retries, across
 * restarts) happens after commit; {@link #wake()} tells the dispatcher there is work.
 */
public interface Outbox {

    Future<Void> enqueue(SqlConnection tx, CaseNotice notice);

    /** Queues many notices, in order, as {@link #enqueue} would one by one; an outbox may write them together. */
    default Future<Void> enqueueAll(SqlConnection tx, List<CaseNotice> notices) {
        Future<Void> chain = Future.succeededFuture();
        for (CaseNotice notice : notices) {
            chain = chain.compose(v -> enqueue(tx, notice));
        }
        return chain;
    }

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
