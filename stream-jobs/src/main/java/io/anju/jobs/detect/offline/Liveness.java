package io.anju.jobs.detect.offline;

import io.anju.common.model.DeviceType;
import io.anju.common.model.LocationChain;

/**
 * What the offline detector knows of one device, kept in keyed state.
 *
 * @param type            the device type, for its heartbeat interval
 * @param location        the location chain of its newest live message, for the alert
 * @param lastAliveTs     device time of the newest message that was not an offline status; null while only an
 *                        offline status has been seen
 * @param offlineStatusTs device time of an offline status (usually the Will) received after the newest live
 *                        message; null when there is none
 */
public record Liveness(DeviceType type, LocationChain location, Long lastAliveTs, Long offlineStatusTs) {

    /** Where the silence is counted from: the newest live message, else the offline status that made it known. */
    public long silenceStart() {
        return lastAliveTs != null ? lastAliveTs : offlineStatusTs;
    }

    public boolean offlineStatusSeen() {
        return offlineStatusTs != null;
    }
}
