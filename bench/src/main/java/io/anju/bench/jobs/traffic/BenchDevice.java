package io.anju.bench.jobs.traffic;

import io.anju.common.model.DeviceType;
import io.anju.common.model.LocationChain;

/**
 * A registry device the benchmark speaks for.
 *
 * @param people     for crowd counters, the steady number of people it reports (well below the zone's blue level)
 * @param portLimitW for chargers, the registry's per-port limit (an overload reading must be over it)
 */
public record BenchDevice(String id, DeviceType type, LocationChain location, int people, int portLimitW) {
}
