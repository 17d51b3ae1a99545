package io.anju.dashboards.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.SourceKind;
import io.anju.common.json.Json;
import io.anju.common.model.ChargerSpec;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.Envelope;
import io.anju.common.registry.Registry;
import io.anju.common.text.AlertText;
import io.anju.common.twin.DeviceTwin;
import io.anju.dashboards.registry.PerRevision;
import io.anju.dashboards.session.ScopeView;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The live picture of the platform, as the dashboards show it: zones, charging stations, open alerts and the
 * evidence index. Fed by the Kafka readers (any thread), read by the HTTP routes; every change that a viewer
 * could see is also handed to the change listener as a {@link LiveEvent}. Everything it holds is bounded: zones and
 * stations by the registry (those of every revision in use since the start), alerts and snapshot references by fixed
 * capacities.
 */
public final class LiveState {
    /**
     * Open alerts held at most: far above what a district raises, low enough to bound memory (each is kept with its
     * view, the texts in both languages included).
     */
    static final int ALERT_CAPACITY = 50_000;
    /**
     * Closed alert episodes remembered by id, so that a repeated revision never shows one again (about 12 MB). A
     * repeat comes within the job's replay window after its first copy; this covers that window even at 100 clears a
     * second for a quarter of an hour, far above what a district clears.
     */
    static final int CLOSED_MEMORY = 100_000;
    static final int SNAPSHOT_CAPACITY = 200_000;
    private static final Comparator<Alert> MOST_SEVERE_NEWEST_FIRST = Comparator.comparing(Alert::severity).reversed()
            .thenComparing(Comparator.comparingLong(Alert::lastEventTs).reversed());

    private final Supplier<Registry> registry;
    private final Clock clock;
    private final ZoneBoard zones;
    private final ChargerBoard chargers;
    private final AlertBoard alerts;
    private final SnapshotIndex snapshots;
    private volatile Consumer<LiveEvent> listener = e -> { };

    /**
     * @param registry        the registry in use: read as each record and view comes, so it follows the revisions
     * @param staleAfter      a charging station silent this long shows offline
     * @param crowdStaleAfter a crowd zone whose counter is silent this long shows stale
     */
    public LiveState(Supplier<Registry> registry, Path snapshotDir, Duration staleAfter, Duration crowdStaleAfter,
                     Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.zones = new ZoneBoard(registry, crowdStaleAfter);
        this.chargers = new ChargerBoard(registry, staleAfter);
        // An alert's texts name its place as the registry in use when the alert came does.
        PerRevision<AlertText> text = new PerRevision<>(registry, AlertText::new);
        this.alerts = new AlertBoard(ALERT_CAPACITY, CLOSED_MEMORY, a -> ActiveAlert.of(a, text.get()));
        this.snapshots = new SnapshotIndex(snapshotDir, SNAPSHOT_CAPACITY);
    }

    /** Who hears about changes (one listener; the live stream). */
    public void onChange(Consumer<LiveEvent> listener) {
        this.listener = listener;
    }

    // ---- input, from the Kafka readers

    public void crowdTelemetry(Envelope e) {
        zones.apply(e, clock.millis()).ifPresent(this::publishZone);
    }

    public void chargerTelemetry(Envelope e) {
        if (chargers.applyTelemetry(e, clock.millis())) {
            publishCharger(e.deviceId());
        }
    }

    public void status(Envelope e) {
        if (chargers.applyStatus(e, clock.millis())) {
            publishCharger(e.deviceId());
        }
    }

    /**
     * A record of {@code anju.twin}, read from its beginning at start: a registered device's last known state, shown
     * at once at its original times (see {@link ChargerBoard#applyTwin}, {@link ZoneBoard#applyTwin}). The twin of a
     * device the registry in use does not hold (or holds as another type) is ignored.
     */
    public void twin(DeviceTwin twin) {
        Optional<Device> device = registry.get().device(twin.deviceId()).filter(d -> d.type() == twin.type());
        if (device.isEmpty()) {
            return;
        }
        long now = clock.millis();
        if (twin.type() == DeviceType.CHARGER && chargers.applyTwin(twin, now)) {
            publishCharger(twin.deviceId());
        } else if (twin.type() == DeviceType.CROWD) {
            zones.applyTwin(device.get().location().zoneId(), twin, now).ifPresent(this::publishZone);
        }
    }

    /** A record of {@code anju.alerts}; each {@code (id, revision)} is applied and published once (see AlertBoard). */
    public void alert(Alert a) {
        if (!alerts.apply(a)) {
            return;
        }
        ActiveAlert view = alerts.viewOf(a);
        String zoneId = zoneOf(a);
        String compoundId = a.location() == null ? null : a.location().compoundId();
        publish(new LiveEvent(LiveEvent.ALERT, a.dedupKey(), new LiveEvent.Subject(a.deviceId(), zoneId, compoundId),
                Json.toString(view)));
        if (zoneId != null && (a.type() == AlertType.CROWD_DENSITY || a.type() == AlertType.CROWD_FORECAST)) {
            publishZone(zoneId);
        }
    }

    /** A reference of {@code anju.snapshots}; returns false when it was malformed. */
    public boolean snapshot(Envelope e) {
        JsonNode p = e.payload();
        return p != null && snapshots.add(e.deviceId(), e.type(), text(p, "snapshotId"), text(p, "sha256"));
    }

    /** Publishes the stations that went offline and the zones that went stale by the passing of time alone. */
    public void sweepStale() {
        long now = clock.millis();
        chargers.turnedStale(now).forEach(this::publishCharger);
        zones.turnedStale(now).forEach(this::publishZone);
    }

    // ---- views

    public List<ZoneLive> zones(ScopeView scope) {
        return registry.get().zones().stream().filter(z -> scope.seesZone(z.id())).map(this::zoneView).toList();
    }

    public Optional<ZoneLive> zone(String zoneId) {
        return registry.get().zone(zoneId).map(this::zoneView);
    }

    /** The stations of one compound, or of every compound in scope when {@code compoundId} is null. */
    public List<ChargerLive> chargers(ScopeView scope, String compoundId) {
        long now = clock.millis();
        return registry.get().devicesOfType(DeviceType.CHARGER).stream()
                .filter(d -> compoundId == null || compoundId.equals(d.location().compoundId()))
                .filter(d -> scope.seesDevice(d.id()))
                .map(d -> chargerView(d, now))
                .toList();
    }

    public Optional<ChargerLive> charger(String deviceId) {
        return registry.get().device(deviceId).filter(d -> d.type() == DeviceType.CHARGER)
                .map(d -> chargerView(d, clock.millis()));
    }

    /** Open alerts in scope, of one kind or all, the most severe and newest first. */
    public List<ActiveAlert> activeAlerts(ScopeView scope, Optional<AlertKind> kind) {
        Registry now = registry.get();
        return alerts.shown().stream()
                .filter(s -> kind.map(k -> k.covers(s.alert(), now)).orElse(true))
                .filter(s -> subjectOf(s.alert()).visibleTo(scope))
                .sorted(Comparator.comparing(AlertBoard.Shown::alert, MOST_SEVERE_NEWEST_FIRST))
                .map(AlertBoard.Shown::view)
                .toList();
    }

    /** Closed alert episodes remembered now, to recognise their repeats. */
    public int alertEpisodesRemembered() {
        return alerts.remembered();
    }

    /** Closed alert episodes forgotten to stay within {@link #CLOSED_MEMORY}, since the start. */
    public long alertEpisodesForgotten() {
        return alerts.forgotten();
    }

    public Optional<Path> snapshotFile(String deviceId, String snapshotId) {
        return snapshots.file(deviceId, snapshotId);
    }

    // ---- composing

    private ZoneLive zoneView(CrowdZone zone) {
        Optional<ZoneBoard.Reading> r = zones.reading(zone.id());
        int count = r.map(ZoneBoard.Reading::count).orElse(0);
        String level = alerts.byKey(AlertType.CROWD_DENSITY, zone.id())
                .map(a -> a.severity().wireName()).orElse("none");
        Optional<Alert> forecast = alerts.byKey(AlertType.CROWD_FORECAST, zone.id());
        return new ZoneLive(zone.id(), count, round(ZoneBoard.density(count, zone), 3),
                round(ZoneBoard.share(count, zone), 3), round(r.map(ZoneBoard.Reading::inPerMin).orElse(0.0), 1),
                round(r.map(ZoneBoard.Reading::outPerMin).orElse(0.0), 1), level,
                forecast.flatMap(AlertBoard::minutesToLevel).map(m -> round(m, 1)).orElse(null),
                forecast.map(a -> a.severity().wireName()).orElse(null),
                r.map(x -> Instant.ofEpochMilli(x.receivedAt()).toString()).orElse(null),
                zones.stale(zone.id(), clock.millis()));
    }

    private ChargerLive chargerView(Device d, long now) {
        ChargerBoard.Station s = chargers.station(d.id());
        ChargerSpec spec = d.charger();
        int portLimit = spec == null ? 0 : spec.portLimitW();
        Map<Integer, ChargerBoard.PortReading> reported = s.ports().stream()
                .collect(Collectors.toMap(ChargerBoard.PortReading::port, p -> p, (a, b) -> b));
        int portCount = Math.max(spec == null ? 0 : spec.ports(),
                reported.keySet().stream().mapToInt(Integer::intValue).max().orElse(0));
        List<ChargerLive.Port> ports = new ArrayList<>();
        double total = 0;
        for (int no = 1; no <= portCount; no++) {
            ChargerBoard.PortReading p = reported.get(no);
            ports.add(p == null ? new ChargerLive.Port(no, "unknown", null, null, portLimit)
                    : new ChargerLive.Port(no, p.state(), p.powerW(), p.tempC(), portLimit));
            total += p == null || p.powerW() == null ? 0 : p.powerW();
        }
        return new ChargerLive(d.id(), d.location().compoundId(), s.online(now, chargers.staleAfter()),
                s.lastSeenAt() == Long.MIN_VALUE ? null : Instant.ofEpochMilli(s.lastSeenAt()).toString(),
                round(total, 1), spec == null ? 0 : spec.stationLimitW(), s.leakageMa(), s.smoke(), ports);
    }

    private String zoneOf(Alert a) {
        if (a.sourceKind() == SourceKind.ZONE) {
            return a.sourceId();
        }
        return a.location() == null ? null : a.location().zoneId();
    }

    private LiveEvent.Subject subjectOf(Alert a) {
        return new LiveEvent.Subject(a.deviceId(), zoneOf(a), a.location() == null ? null : a.location().compoundId());
    }

    private void publishZone(String zoneId) {
        zone(zoneId).ifPresent(z -> publish(new LiveEvent(LiveEvent.ZONE, zoneId, LiveEvent.Subject.zone(zoneId),
                Json.toString(z))));
    }

    private void publishCharger(String deviceId) {
        charger(deviceId).ifPresent(c -> publish(new LiveEvent(LiveEvent.CHARGER, deviceId,
                LiveEvent.Subject.device(deviceId), Json.toString(c))));
    }

    private void publish(LiveEvent e) {
        listener.accept(e);
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.path(field).asText() : null;
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
