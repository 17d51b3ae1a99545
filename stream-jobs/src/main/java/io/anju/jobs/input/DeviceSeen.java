package io.anju.jobs.input;

import io.anju.common.model.DeviceType;
import io.anju.common.model.LocationChain;

/**
 * Any message from a device, reduced to what liveness needs. {@code offline} is true for a status message that
 * says the device is going away (its Will, or an explicit offline).
 *
 * @param ts         the message's event time: the device's own time, or the gateway's receive time when the
 *                   device clock was off by more than the tolerance ({@link io.anju.jobs.time.ClockRule})
 * @param receivedAt the gateway's receive time (0 when the envelope carries none)
 */
public record DeviceSeen(String deviceId, DeviceType type, long ts, long receivedAt, LocationChain location,
                         boolean offline) {

    /** A message whose receive time is its event time (tests and replays that know no better). */
    public DeviceSeen(String deviceId, DeviceType type, long ts, LocationChain location, boolean offline) {
        this(deviceId, type, ts, ts, location, offline);
    }
}
