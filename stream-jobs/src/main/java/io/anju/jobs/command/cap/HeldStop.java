package io.anju.jobs.command.cap;

import io.anju.common.alert.AlertType;
import io.anju.common.model.LocationChain;

/**
 * An automatic stop the cap did not send.
 *
 * @param alertId     the alert that asked for it
 * @param askedBy     that alert's type
 * @param deviceId    the charger
 * @param port        the port
 * @param heldTs      event time of the asking alert's revision
 * @param location    the charger's place
 * @param released    the asking alert has cleared: nothing left to decide, no longer listed
 * @param watchEnded  the port's readings showed it off, so the per-device stop watch has let it go and says nothing
 *                    more about it
 */
public record HeldStop(String alertId, AlertType askedBy, String deviceId, int port, long heldTs, LocationChain location,
                boolean released, boolean watchEnded) {

    boolean isPort(String deviceId, Integer port) {
        return this.deviceId.equals(deviceId) && port != null && this.port == port;
    }

    /** Nothing more will be said about it: it may be forgotten. */
    boolean settled() {
        return released && watchEnded;
    }

    HeldStop release() {
        return new HeldStop(alertId, askedBy, deviceId, port, heldTs, location, true, watchEnded);
    }

    HeldStop endWatch() {
        return new HeldStop(alertId, askedBy, deviceId, port, heldTs, location, released, true);
    }
}
