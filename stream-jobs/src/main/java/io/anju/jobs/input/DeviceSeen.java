package io.anju.jobs.input;

import io.anju.common.model.DeviceType;
import io.anju.common.model.LocationChain;

/**
 * Any message from a device, reduced to what liveness needs. {@code offline} is true for a status message that
 * says the device is going away (its Will, or an explicit offline).
 */
public record DeviceSeen(String deviceId, DeviceType type, long ts, LocationChain location, boolean offline) {
}
