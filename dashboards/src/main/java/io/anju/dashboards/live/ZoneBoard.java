package io.anju.dashboards.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Envelope;
import io.anju.common.registry.Registry;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The latest crowd-counter reading of every registered zone (one entry per zone at most). */
final class ZoneBoard {

    /** One counter reading: people now, crossings per minute over its interval, device and gateway times. */
    record Reading(long ts, long receivedAt, int count, double inPerMin, double outPerMin) {
    }

    private final Registry registry;
    private final Map<String, Reading> readings = new ConcurrentHashMap<>();

    ZoneBoard(Registry registry) {
        this.registry = registry;
    }

    /** Takes a crowd telemetry envelope; returns the zone id when it changed the zone (not unknown, not older). */
    Optional<String> apply(Envelope e) {
        String zoneId = e.location() == null ? null : e.location().zoneId();
        JsonNode p = e.payload();
        if (zoneId == null || registry.zone(zoneId).isEmpty() || p == null || !p.path("count").canConvertToInt()) {
            return Optional.empty();
        }
        double minutes = Math.max(1, p.path("intervalS").asDouble(10)) / 60.0;
        Reading next = new Reading(e.ts(), e.receivedAt(), Math.max(0, p.path("count").asInt()),
                Math.max(0, p.path("inCount").asDouble()) / minutes, Math.max(0, p.path("outCount").asDouble()) / minutes);
        boolean[] changed = {false};
        readings.compute(zoneId, (id, old) -> {
            if (old != null && old.ts() > next.ts()) {
                return old;
            }
            changed[0] = true;
            return next;
        });
        return changed[0] ? Optional.of(zoneId) : Optional.empty();
    }

    Optional<Reading> reading(String zoneId) {
        return Optional.ofNullable(readings.get(zoneId));
    }

    /** Density in persons per m² and share of the published capacity, both 0 for a zone without area or capacity. */
    static double density(int count, CrowdZone zone) {
        return zone.areaM2() > 0 ? count / zone.areaM2() : 0;
    }

    static double share(int count, CrowdZone zone) {
        return zone.capacity() > 0 ? (double) count / zone.capacity() : 0;
    }
}
