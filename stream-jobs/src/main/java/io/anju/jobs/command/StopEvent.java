package io.anju.jobs.command;

import io.anju.common.alert.Alert;
import io.anju.common.command.DeviceCommand;
import io.anju.common.model.LocationChain;
import io.anju.jobs.detect.fire.FireSignals;

/**
 * One thing the per-device detectors say about an automatic stop, on its way to the compound's cap
 * ({@link io.anju.jobs.command.cap.StopCap}), which sends it on or holds it; or about a stop a person sent for a case
 * ({@link #byPerson}), which the cap passes on untouched. Keyed by {@link #compoundId}; which fields are set depends
 * on the {@link #kind}.
 *
 * @param kind       what it is
 * @param compoundId the charger's compound (its device id when it has none)
 * @param command    the {@code stop_port} of a {@link Kind#REQUEST} or {@link Kind#RETRY}
 * @param alert      the alert that asks for the stop ({@link Kind#REQUEST}), the cleared one ({@link Kind#RELEASE}),
 *                   or a {@code stop_unconfirmed} revision ({@link Kind#UNCONFIRMED})
 * @param outcome    what the charger's readings said ({@link Kind#OUTCOME})
 * @param byPerson   about a person's stop (never held), not an automatic one
 */
public record StopEvent(Kind kind, String compoundId, DeviceCommand command, Alert alert, StopOutcome outcome,
                        boolean byPerson) {

    public enum Kind {
        /** The first stop an alert asks for. */
        REQUEST,
        /** The same stop sent again, not seen in the port's readings in time. */
        RETRY,
        /** A confirmation, retry or give-up of a stop ({@link StopOutcome}). */
        OUTCOME,
        /** A revision of a port's {@code stop_unconfirmed} alert. */
        UNCONFIRMED,
        /** An alert that asked for a stop has cleared. */
        RELEASE
    }

    public static StopEvent request(DeviceCommand command, Alert askedBy) {
        return new StopEvent(Kind.REQUEST, compoundOf(askedBy), command, askedBy, null, false);
    }

    public static StopEvent retry(DeviceCommand command, LocationChain location, boolean byPerson) {
        return new StopEvent(Kind.RETRY, FireSignals.compoundOf(location, command.deviceId()), command, null, null,
                byPerson);
    }

    public static StopEvent outcome(StopOutcome outcome, LocationChain location, boolean byPerson) {
        return new StopEvent(Kind.OUTCOME, FireSignals.compoundOf(location, outcome.deviceId()), null, null, outcome,
                byPerson);
    }

    public static StopEvent unconfirmed(Alert stopUnconfirmed, boolean byPerson) {
        return new StopEvent(Kind.UNCONFIRMED, compoundOf(stopUnconfirmed), null, stopUnconfirmed, null, byPerson);
    }

    public static StopEvent release(Alert cleared) {
        return new StopEvent(Kind.RELEASE, compoundOf(cleared), null, cleared, null, false);
    }

    private static String compoundOf(Alert a) {
        return FireSignals.compoundOf(a.location(), a.deviceId());
    }
}
