package io.anju.jobs.command;

import io.anju.common.model.LocationChain;

/**
 * A port the job has told to stop and not yet seen off.
 *
 * @param alertId   the alert that called for the stop
 * @param commandId the latest {@code stop_port} sent for it
 * @param attempt   stops sent so far (1 = the first)
 * @param sentTs    event time of the latest stop: a reading newer than this may confirm it
 * @param dueTs     event time by which a reading must show the port off; {@code Long.MAX_VALUE} once reported
 *                  unconfirmed (then only a confirming reading ends it)
 * @param timerSet  whether the due timer is registered (a stop sent from the broadcast side cannot register one;
 *                  the device's next input does)
 * @param lastW     the port's latest power reading after the stop, NaN before one
 * @param lastTs    device time of that reading
 * @param location  the charger's place, for the alert
 */
public record PendingStop(String alertId, String commandId, int attempt, long sentTs, long dueTs, boolean timerSet,
                          double lastW, long lastTs, LocationChain location) {

    public boolean reportedUnconfirmed() {
        return dueTs == Long.MAX_VALUE;
    }

    PendingStop withTimerSet() {
        return new PendingStop(alertId, commandId, attempt, sentTs, dueTs, true, lastW, lastTs, location);
    }

    PendingStop withLast(double w, long ts) {
        return new PendingStop(alertId, commandId, attempt, sentTs, dueTs, timerSet, w, ts, location);
    }

    PendingStop retried(String newCommandId, long ts, long within) {
        return new PendingStop(alertId, newCommandId, attempt + 1, ts, ts + within, false, lastW, lastTs, location);
    }

    PendingStop unconfirmed() {
        return new PendingStop(alertId, commandId, attempt, sentTs, Long.MAX_VALUE, true, lastW, lastTs, location);
    }
}
