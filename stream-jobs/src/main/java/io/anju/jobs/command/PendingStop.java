package io.anju.jobs.command;

import io.anju.common.model.LocationChain;

/**
 * A port the job or a person has told to stop and not yet seen off.
 *
 * @param alertId   the alert that called for the stop (a person's stop: the case's alert, null when it has none)
 * @param commandId the latest {@code stop_port} sent for it
 * @param attempt   stops sent so far (1 = the first)
 * @param sentTs    event time of the latest stop: a reading newer than this may confirm it
 * @param dueTs     event time by which a reading must show the port off; {@code Long.MAX_VALUE} once reported
 *                  unconfirmed (then only a confirming reading ends it)
 * @param timerSet  whether the due timer is registered (a stop sent from the broadcast side cannot register one;
 *                  the device's next input does)
 * @param lastW     the port's latest power reading after the stop, NaN before one
 * @param lastTs    device time of that reading
 * @param location  the charger's place, for the alert (a person's stop learns it from the charger's next reading)
 * @param caseId    the case a person sent the stop for; 0 for an automatic stop
 */
public record PendingStop(String alertId, String commandId, int attempt, long sentTs, long dueTs, boolean timerSet,
                          double lastW, long lastTs, LocationChain location, long caseId) {

    public boolean reportedUnconfirmed() {
        return dueTs == Long.MAX_VALUE;
    }

    /** Whether a person sent it (for a case), not the alerting job. */
    public boolean byPerson() {
        return caseId > 0;
    }

    PendingStop withTimerSet() {
        return new PendingStop(alertId, commandId, attempt, sentTs, dueTs, true, lastW, lastTs, location, caseId);
    }

    PendingStop withLast(double w, long ts, LocationChain at) {
        return new PendingStop(alertId, commandId, attempt, sentTs, dueTs, timerSet, w, ts,
                location != null ? location : at, caseId);
    }

    PendingStop retried(String newCommandId, long ts, long within) {
        return new PendingStop(alertId, newCommandId, attempt + 1, ts, ts + within, false, lastW, lastTs, location,
                caseId);
    }

    PendingStop unconfirmed() {
        return new PendingStop(alertId, commandId, attempt, sentTs, Long.MAX_VALUE, true, lastW, lastTs, location,
                caseId);
    }
}
