package io.anju.dashboards.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
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
 * What every registered charging station last reported, and whether it counts as online: heard within
 * {@code staleAfter} and not last announced offline (a Will message). One entry per station at most.
 *
 * <p>"Heard" is judged on this reader's own clock, when the message is read, not on the gateway's receive stamp:
 * a gateway may follow another clock (the demo's simulated one) and this board's staleness sweep runs on ours. A
 * station's twin, read at start, is the exception: it can only tell the gateway's time of when it was last heard.
 */
final class ChargerBoard {

    /** A port's reading from the latest telemetry. */
    record PortReading(int port, String state, Double powerW, Double tempC) {
    }

    /**
     * @param ports      from the latest telemetry, empty before any
     * @param lastSeenAt when this board read the latest message of any kind
     * @param saidOffline the latest message was an {@code offline} status
     * @param shownOnline what the last published {@code charger} event said, so the staleness sweep sends flips only
     */
    record Station(long telemetryTs, List<PortReading> ports, Double leakageMa, Boolean smoke, long lastSeenAt,
                   boolean saidOffline, boolean shownOnline) {

        static final Station NEVER = new Station(Long.MIN_VALUE, List.of(), null, null, Long.MIN_VALUE, false, false);

        boolean online(long now, Duration staleAfter) {
            return lastSeenAt != Long.MIN_VALUE && !saidOffline && now - lastSeenAt <= staleAfter.toMillis();
        }
    }

    private final Supplier<Registry> registry;
    private final Duration staleAfter;
    private final Map<String, Station> stations = new ConcurrentHashMap<>();

    ChargerBoard(Supplier<Registry> registry, Duration staleAfter) {
        this.registry = registry;
        this.staleAfter = staleAfter;
    }

    /** Takes a charger telemetry envelope; returns true when it changed a registered station. */
    boolean applyTelemetry(Envelope e, long now) {
        if (!registered(e.deviceId()) || e.payload() == null || !e.payload().path("ports").isArray()) {
            return false;
        }
        JsonNode p = e.payload();
        List<PortReading> ports = new ArrayList<>();
        for (JsonNode port : p.path("ports")) {
            if (port.path("no").canConvertToInt()) {
                ports.add(new PortReading(port.path("no").asInt(), port.path("state").asText("unknown"),
                        number(port.path("powerW")), number(port.path("tempC"))));
            }
        }
        boolean[] changed = {false};
        stations.compute(e.deviceId(), (id, old) -> {
            Station s = old == null ? Station.NEVER : old;
            if (s.telemetryTs() > e.ts()) {
                return s;
            }
            changed[0] = true;
            Station next = new Station(e.ts(), List.copyOf(ports), number(p.path("leakageMa")), smoke(p),
                    Math.max(s.lastSeenAt(), now), false, s.shownOnline());
            return shown(next, now);
        });
        return changed[0];
    }

    /** Takes a status envelope of any device; returns true when it changed a registered station. */
    boolean applyStatus(Envelope e, long now) {
        if (!registered(e.deviceId()) || e.payload() == null) {
            return false;
        }
        boolean offline = "offline".equals(e.payload().path("state").asText());
        stations.compute(e.deviceId(), (id, old) -> {
            Station s = old == null ? Station.NEVER : old;
            Station next = new Station(s.telemetryTs(), s.ports(), s.leakageMa(), s.smoke(),
                    Math.max(s.lastSeenAt(), now), offline, s.shownOnline());
            return shown(next, now);
        });
        return true;
    }

    /**
     * Takes a station's twin, its last known state kept by the case service ({@code anju.twin}), read at start so a
     * restarted board shows the station at once. Its times are the gateway's, when it last heard the station (never
     * later than {@code now}): an old twin shows as old, offline once it is older than {@code staleAfter}. What this
     * board read live wins: telemetry by device time (a twin as new as the live reading gives way), the online state
     * and last-seen time when it heard the station after the twin's last message. Returns true when it changed a
     * registered station.
     */
    boolean applyTwin(DeviceTwin twin, long now) {
        if (!registered(twin.deviceId()) || twin.lastSeenAt() == null) {
            return false;
        }
        long seenAt = Math.min(twin.lastSeenAt(), now);
        long telemetryTs = twin.ports().stream().mapToLong(DeviceTwin.Port::ts).max()
                .orElse(twin.telemetry() == null ? Long.MIN_VALUE : twin.telemetry().ts());
        JsonNode reported = twin.telemetry() == null || twin.telemetry().payload() == null
                ? MissingNode.getInstance() : twin.telemetry().payload();
        Double leakageMa = number(reported.path("leakageMa"));
        Boolean smoke = smoke(reported);
        List<PortReading> ports = twin.ports().stream()
                .map(p -> new PortReading(p.no(), p.state() == null ? "unknown" : p.state(), p.powerW(), p.tempC()))
                .toList();
        boolean[] changed = {false};
        stations.compute(twin.deviceId(), (id, old) -> {
            Station s = old == null ? Station.NEVER : old;
            boolean newerTelemetry = !ports.isEmpty() && telemetryTs > s.telemetryTs();
            boolean newerPresence = seenAt > s.lastSeenAt();
            if (!newerTelemetry && !newerPresence) {
                return s;
            }
            changed[0] = true;
            Station next = new Station(newerTelemetry ? telemetryTs : s.telemetryTs(),
                    newerTelemetry ? ports : s.ports(),
                    newerTelemetry ? leakageMa : s.leakageMa(), newerTelemetry ? smoke : s.smoke(),
                    Math.max(s.lastSeenAt(), seenAt), newerPresence ? saidOffline(twin) : s.saidOffline(),
                    s.shownOnline());
            return shown(next, now);
        });
        return changed[0];
    }

    /**
     * The twin's last word on presence: a Will or {@code offline} status as its newest message, or a connection that
     * ended after it was last heard (a clean disconnect sends no Will).
     */
    private static boolean saidOffline(DeviceTwin twin) {
        long lastSeen = twin.lastSeenAt();
        boolean statusOffline = twin.status() != null && "offline".equals(twin.status().state())
                && twin.status().receivedAt() >= lastSeen;
        boolean disconnected = twin.connection() != null && "disconnected".equals(twin.connection().state())
                && twin.connection().since() >= lastSeen;
        return statusOffline || disconnected;
    }

    Duration staleAfter() {
        return staleAfter;
    }

    Station station(String deviceId) {
        return stations.getOrDefault(deviceId, Station.NEVER);
    }

    boolean online(String deviceId, long now) {
        return station(deviceId).online(now, staleAfter);
    }

    /** Stations whose online state changed by the passing of time since it was last published; marks them shown. */
    List<String> turnedStale(long now) {
        List<String> flipped = new ArrayList<>();
        for (String id : stations.keySet()) {
            stations.computeIfPresent(id, (k, s) -> {
                if (s.online(now, staleAfter) == s.shownOnline()) {
                    return s;
                }
                flipped.add(k);
                return shown(s, now);
            });
        }
        return flipped;
    }

    private Station shown(Station s, long now) {
        boolean online = s.online(now, staleAfter);
        return online == s.shownOnline() ? s : new Station(s.telemetryTs(), s.ports(), s.leakageMa(), s.smoke(),
                s.lastSeenAt(), s.saidOffline(), online);
    }

    private boolean registered(String deviceId) {
        Optional<Device> d = registry.get().device(deviceId);
        return d.isPresent() && d.get().type() == DeviceType.CHARGER;
    }

    private static Double number(JsonNode n) {
        return n.isNumber() ? n.asDouble() : null;
    }

    /** The telemetry's smoke flag, null when it has none. */
    private static Boolean smoke(JsonNode telemetry) {
        return telemetry.has("smoke") ? telemetry.path("smoke").asBoolean() : null;
    }
}
