package io.anju.jobs.bench;

import io.anju.common.model.DeviceType;
import io.anju.common.model.LocationChain;

/**
 * A device the benchmark speaks for.
 *
 * @param people for crowd counters, the steady number of people it reports (well below the zone's blue level)
 */
record BenchDevice(String id, DeviceType type, LocationChain location, int people) {
}
