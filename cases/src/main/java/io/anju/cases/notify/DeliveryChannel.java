package io.anju.cases.notify;

import io.vertx.core.Future;

import java.util.Optional;

/**
 * Somewhere a queued notice goes: a webhook, the export to the district grid platform, the live SSE stream.
 * The dispatcher calls {@link #deliver} at least once per outbox row (again after a failure or a crash), so a
 * channel passes the row's idempotency key on to receivers that can drop repeats.
 */
public interface DeliveryChannel {

    /** The name outbox rows carry in their {@code channel} column. */
    String name();

    /** Succeeds when the receiver has the notice; a failure is retried unless {@link DeliveryFailure#permanent}. */
    Future<Void> deliver(OutboxRow row);

    /**
     * True for channels that tell people (they get the notice kinds and severities {@link NotificationPolicy}
     * selects, count towards the two channels a red case needs, and set the case's first notification time);
     * false for a mirror such as the export, which gets every notice.
     */
    default boolean reachesPeople() {
        return true;
    }

    /** This channel's retry schedule; empty to use the dispatcher's default. */
    default Optional<Backoff> backoff() {
        return Optional.empty();
    }
}
