package io.anju.jobs.command;

import io.anju.common.model.LocationChain;

/**
 * A port the job or a person has told to stop and not yet seen off. It is seen off by a reading the gateway received
 * after it delivered the stop ({@link #confirmedBy}): the gateway's report and the port's readings come on two topics,
 * in either order, so both halves are kept here, and whichever comes second decides.
 *
 * @param alertId     the alert that called for the stop (a person's stop: the case's alert, null when it has none)
 * @param commandId   the latest {@code stop_port} sent for it
 * @param attempt     stops sent so far (1 = the first)
 * @param sentTs      event time of the latest stop: only readings newer than this count as after it
 * @param dueTs       event time by which a reading must show the port off; {@code Long.MAX_VALUE} once reported
 *                    unconfirmed (then only a confirming reading ends it)
 * @param timerSet    whether the due timer is registered (a stop sent from the broadcast side cannot register one;
 *                    the device's next input does)
 * @param lastW       the port's latest power reading after the stop, NaN before one
 * @param lastTs      device time of that reading
 * @param location    the charger's place, for the alert (a person's stop learns it from the charger's next reading)
 * @param caseId      the case a person sent the stop for; 0 for an automatic stop
 * @param deliveredAt when a gateway delivered this stop (any of its attempts) to the charger, on that gateway's
 *                    receive clock; 0 while no report says so
 * @param lastReadAt  when the gateway received the reading of {@code lastW} (its envelope's {@code receivedAt}); 0
 *                    before one, or when its envelope had none
 */
public record PendingStop(String alertId, String commandId, int attempt, long sentTs, long dueTs, boolean timerSet,
                          double lastW, long lastTs, LocationChain location, long caseId, long deliveredAt,
                          long lastReadAt) {

    public boolean reportedUnconfirmed() {
        return dueTs == Long.MAX_VALUE;
    }

    /** Whether a person sent it (for a case), not the alerting job. */
    public boolean byPerson() {
        return caseId > 0;
    }

    /**
     * Whether the latest reading shows the port off at or below {@code belowW} and was received after the stop was
     * delivered: a reading from before the delivery may show the port off from an earlier stop, not this one.
     */
    boolean confirmedBy(double belowW) {
        return deliveredAt > 0 && lastReadAt > deliveredAt && lastW <= belowW;
    }

    PendingStop withTimerSet() {
        return new PendingStop(alertId, commandId, attempt, sentTs, dueTs, true, lastW, lastTs, location, caseId,
                deliveredAt, lastReadAt);
    }

    PendingStop withLast(double w, long ts, long readAt, LocationChain at) {
        return new PendingStop(alertId, commandId, attempt, sentTs, dueTs, timerSet, w, ts,
                location != null ? location : at, caseId, deliveredAt, readAt);
    }

    /** Delivered at {@code at} (receive clock); of several deliveries of its attempts the earliest counts. */
    PendingStop delivered(long at) {
        return new PendingStop(alertId, commandId, attempt, sentTs, dueTs, timerSet, lastW, lastTs, location, caseId,
                deliveredAt > 0 ? Math.min(deliveredAt, at) : at, lastReadAt);
    }

    /** Sent again under {@code newCommandId}: a delivery of an earlier attempt still counts. */
    PendingStop retried(String newCommandId, long ts, long within) {
        return new PendingStop(alertId, newCommandId, attempt + 1, ts, ts + within, false, lastW, lastTs, location,
                caseId, deliveredAt, lastReadAt);
    }

    PendingStop unconfirmed() {
        return new PendingStop(alertId, commandId, attempt, sentTs, Long.MAX_VALUE, true, lastW, lastTs, location,
                caseId, deliveredAt, lastReadAt);
    }
}
