package io.anju.jobs.input;

import io.anju.common.model.LocationChain;

/**
 * A crowd counter's reading: {@code count} people in its zone now, {@code inCount}/{@code outCount} line crossings
 * during the last {@code intervalS} seconds. {@code zone} comes from the registry (null when the zone is unknown).
 */
public record CrowdReading(String deviceId, long ts, LocationChain location, int count, int inCount, int outCount,
                           int intervalS, ZoneInfo zone) {

    public String zoneId() {
        return location.zoneId();
    }
}
