package io.anju.dashboards.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Envelope;
import io.anju.common.registry.Registry;
import io.anju.common.twin.DeviceTwin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The latest crowd-counter reading of every registered zone (one entry per zone at most), and whether it is still
 * live: a zone whose counter has not been heard for {@code staleAfter} (or not at all since the start) is stale, its
 * figures frozen at the last reading. As for the charging stations, "heard" is judged on this board's clock when the
 * reading is read, not on the gateway's stamp, which may follow another (simulated) clock.
 */
final class ZoneBoard {

    /**
     * One counter reading: people now, crossings per minute over its interval, device and gateway times.
     *
     * @param seenAt     when this board read it
     * @param shownStale what the last published {@code zone} event said, so the staleness sweep sends flips only
     */
    record Reading(long ts, long receivedAt, int count, double inPerMin, double outPerMin, long seenAt,
                   boolean shownStale) {

        boolean stale(long now, Duration staleAfter) {
            return now - seenAt > staleAfter.toMillis();
        }
    }

    private final Supplier<Registry> registry;
    private final Duration staleAfter;
    private final Map<String, Reading> readings = new ConcurrentHashMap<>();

    ZoneBoard(Supplier<Registry> registry, Duration staleAfter) {
        this.registry = registry;
        this.staleAfter = staleAfter;
    }

    /** Takes a crowd telemetry envelope; returns the zone id when it changed the zone (not unknown, not older). */
    Optional<String> apply(Envelope e, long now) {
        String zoneId = e.location() == null ? null : e.location().zoneId();
        return apply(zoneId, e.payload(), e.ts(), e.receivedAt(), now, false);
    }

    /**
     * Takes a crowd counter's twin ({@code anju.twin}, read at start): its last telemetry as a reading heard when the
     * gateway received it (never later than {@code now}), so an old one shows stale at once. A live reading of the
     * same device time wins. Returns the zone id when it changed the zone.
     */
    Optional<String> applyTwin(String zoneId, DeviceTwin twin, long now) {
        DeviceTwin.Reported t = twin.telemetry();
        return t == null ? Optional.empty()
                : apply(zoneId, t.payload(), t.ts(), t.receivedAt(), Math.min(t.receivedAt(), now), true);
    }

    /** @param olderOnly replace only a reading of an older device time (not one of the same) */
    private Optional<String> apply(String zoneId, JsonNode p, long ts, long receivedAt, long seenAt,
                                   boolean olderOnly) {
        if (zoneId == null || registry.get().zone(zoneId).isEmpty() || p == null || !p.path("count").canConvertToInt()) {
            return Optional.empty();
        }
        double minutes = Math.max(1, p.path("intervalS").asDouble(10)) / 60.0;
        Reading next = new Reading(ts, receivedAt, Math.max(0, p.path("count").asInt()),
                Math.max(0, p.path("inCount").asDouble()) / minutes, Math.max(0, p.path("outCount").asDouble()) / minutes,
                seenAt, false);
        boolean[] changed = {false};
        readings.compute(zoneId, (id, old) -> {
            if (old != null && (old.ts() > next.ts() || olderOnly && old.ts() == next.ts())) {
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

    /** True when the zone's counter has not been heard for {@code staleAfter}, or never since the start. */
    boolean stale(String zoneId, long now) {
        Reading r = readings.get(zoneId);
        return r == null || r.stale(now, staleAfter);
    }

    /** Zones whose staleness changed by the passing of time since it was last published; marks them shown. */
    List<String> turnedStale(long now) {
        List<String> flipped = new ArrayList<>();
        for (String id : readings.keySet()) {
            readings.computeIfPresent(id, (k, r) -> {
                boolean stale = r.stale(now, staleAfter);
                if (stale == r.shownStale()) {
                    return r;
                }
                flipped.add(k);
                return new Reading(r.ts(), r.receivedAt(), r.count(), r.inPerMin(), r.outPerMin(), r.seenAt(), stale);
            });
        }
        return flipped;
    }

    /** Density in persons per m² and share of the published capacity, both 0 for a zone without area or capacity. */
    static double density(int count, CrowdZone zone) {
        return zone.areaM2() > 0 ? count / zone.areaM2() : 0;
    }

    static double share(int count, CrowdZone zone) {
        return zone.capacity() > 0 ? (double) count / zone.capacity() : 0;
    }
}
