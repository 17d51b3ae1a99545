package io.anju.jobs.input;

import io.anju.common.model.DeviceType;
import io.anju.common.model.LocationChain;

/**
 * Any message from a device, reduced to what liveness needs. {@code offline} is true for a status message that
 * says the device is going away (its Will, or an explicit offline).
 *
 * @param ts             the message's event time: the device's own time, or the gateway's receive time when the
 *                       device clock was off by more than the tolerance ({@link io.anju.jobs.time.ClockRule})
 * @param receivedAt     the gateway's receive time (0 when the envelope carries none)
 * @param clockCorrected true when {@code ts} is the receive time because the device's own time was off: such a
 *                       reading counts for its own device but moves no one's event time
 */
public record DeviceSeen(String deviceId, DeviceType type, long ts, long receivedAt, LocationChain location,
                         boolean offline, boolean clockCorrected) {

    /** A message whose time is the device's own. */
    public DeviceSeen(String deviceId, DeviceType type, long ts, long receivedAt, LocationChain location,
                      boolean offline) {
        this(deviceId, type, ts, receivedAt, location, offline, false);
    }

    /** A message whose receive time is its event time (tests and replays that know no better). */
    public DeviceSeen(String deviceId, DeviceType type, long ts, LocationChain location, boolean offline) {
        this(deviceId, type, ts, ts, location, offline, false);
    }
}
