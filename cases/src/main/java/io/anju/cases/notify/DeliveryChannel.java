package io.anju.cases.notify;

import io.anju.common.alert.Severity;
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
     * What the dispatcher calls: {@link #deliver}, yielding the receiver's HTTP status for the delivery record (null
     * for channels without one). HTTP channels override it and say why a failure failed in {@link DeliveryFailure}.
     */
    default Future<Integer> send(OutboxRow row) {
        return deliver(row).map(v -> (Integer) null);
    }

    /**
     * True for channels that tell people (they get the notice kinds and severities {@link NotificationPolicy}
     * selects, count towards the two channels a red case needs, and set the case's first notification time);
     * false for a mirror such as the export, which gets every notice.
     */
    default boolean reachesPeople() {
        return true;
    }

    /**
     * True for people-facing channels that push a notice to people wherever they are (a phone, an IM group) and
     * learn whether it arrived. False for the live SSE stream, which counts as delivered with nobody watching: a red
     * notice that no confirming channel delivered escalates the case (see {@link UndeliveredNotices}).
     */
    default boolean confirmsDelivery() {
        return reachesPeople();
    }

    /** People-facing notices of cases below this severity skip this channel (default: none skip). */
    default Severity minSeverity() {
        return Severity.BLUE;
    }

    /** This channel's retry schedule; empty to use the dispatcher's default. */
    default Optional<Backoff> backoff() {
        return Optional.empty();
    }
}
