package io.anju.jobs.input;

import io.anju.common.model.LocationChain;

/**
 * A charger's discrete event: overcurrent, overtemp, smoke, leakage, fuse, full, unplugged or fault.
 * {@code port} is null for station-wide events; {@code value} and {@code code} are optional.
 */
public record ChargerEvent(String deviceId, long ts, LocationChain location, String kind, Integer port, Double value,
                           String code) {
}
