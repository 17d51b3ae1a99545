package io.anju.jobs.detect.fire;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertFact;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.jobs.alert.AlertBook;
import io.anju.jobs.alert.AlertDraft;
import io.anju.jobs.input.ChargerEvent;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.PortReading;
import io.anju.common.model.LocationChain;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fire risk and leakage fault of the current charging station, a part of the per-device detectors: it fuses the
 * station's port temperatures, smoke and leakage ({@link FireAssessment}) from its telemetry and its overtemp, smoke
 * and leakage events. While an e-bike-in-elevator advisory is open in the station's compound
 * ({@link CompoundFireDetector} tells, as an {@code escalation}), every fire risk of the compound is one level higher.
 * Both alerts clear on event-time timers after a quiet period of device time, never while the station is silent.
 */
public final class StationFireTracker {
    static final String STOP_PORT = "stop_port";
    static final String INSPECT_PORT = "inspect_port";
    static final String INSPECT_STATION = "inspect_station";
    /**
     * A port track keeps at most this many readings per rise window (one per 5 s of the default 3 minutes): chargers
     * report every 30–90 s, so real ones are never thinned, and one that reports far faster cannot fill the heap.
     */
    static final int TRACK_READINGS_PER_WINDOW = 36;

    private final FireRiskSettings settings;
    /** How long a port track keeps readings, and their least spacing ({@link PortTrack#add}). */
    private final long trackKeepMs;
    private final long trackSpacingMs;
    private final AlertBook book;
    private final ValueState<StationState> station;
    private final MapState<Integer, PortTrack> ports;
    private final Counter staleReadings;
    /** The dedup keys of the station last worked on: one telemetry asks for them a dozen times. */
    private String keysOf;
    private String fireKey;
    private String leakKey;
    /** Whether the station's fire risk / leakage fault is open, looked up once per input and after each change. */
    private Boolean fireOpen;
    private Boolean leakOpen;

    private StationFireTracker(FireRiskSettings settings, RuntimeContext ctx, Counter staleReadings) {
        this.settings = settings;
        long window = settings.riseWindow().toMillis();
        this.trackKeepMs = window * 4 / 3;
        this.trackSpacingMs = window / TRACK_READINGS_PER_WINDOW;
        this.book = new AlertBook(ctx.getMapState(AlertBook.descriptor("fire-alerts")));
        this.station = ctx.getState(new ValueStateDescriptor<>("fire-station", StationState.class));
        this.ports = ctx.getMapState(new MapStateDescriptor<>("fire-ports", Integer.class, PortTrack.class));
        this.staleReadings = staleReadings;
    }

    /** @param staleReadings counts readings not newer than the station's newest of their kind */
    public static StationFireTracker open(RuntimeContext ctx, FireRiskSettings settings, Counter staleReadings) {
        return new StationFireTracker(settings, ctx, staleReadings);
    }

    /** The open fire-risk alerts of the current station (the state the compound's escalation looks for). */
    public static MapStateDescriptor<String, io.anju.jobs.alert.OpenAlert> alertsDescriptor() {
        return AlertBook.descriptor("fire-alerts");
    }

    /**
     * Applies a whole telemetry exactly as its single readings would be applied one after the other: every port
     * temperature, then the smoke flag, then the leakage; the port histories are read from state once for all.
     */
    public void onTelemetry(ChargerTelemetry t, String escalation, TimerService timers, Collector<Alert> out)
            throws Exception {
        forgetOpen();
        StationState st = station(t.deviceId(), t.location());
        Map<Integer, PortTrack> tracks = tracks(st);
        Map<Integer, PortTrack> changed = new HashMap<>();
        boolean fresh = false;
        for (PortReading p : t.ports()) {
            fresh |= reading(FireSignal.Kind.PORT_TEMP, p.no(), p.tempC(), t.ts(), t.location(), st, tracks, changed,
                    escalation, timers, out);
        }
        fresh |= reading(FireSignal.Kind.SMOKE, 0, t.smoke() ? 1 : 0, t.ts(), t.location(), st, tracks, changed,
                escalation, timers, out);
        fresh |= reading(FireSignal.Kind.LEAKAGE, 0, t.leakageMa(), t.ts(), t.location(), st, tracks, changed,
                escalation, timers, out);
        store(st, fresh, changed);
    }

    /** The station's overtemp (with port and value), smoke and leakage events; other kinds say nothing of fire. */
    public void onEvent(ChargerEvent e, String escalation, TimerService timers, Collector<Alert> out) throws Exception {
        forgetOpen();
        for (FireSignal s : FireSignals.fromEvent(e)) {
            StationState st = station(s.deviceId(), s.location());
            Map<Integer, PortTrack> changed = new HashMap<>();
            boolean fresh = reading(s.kind(), s.port() == null ? 0 : s.port(), s.value(), s.ts(), s.location(), st,
                    tracks(st), changed, escalation, timers, out);
            store(st, fresh, changed);
        }
    }

    /** A timer of the station fired: clears what has been quiet long enough. */
    public void onTimer(long timestamp, Collector<Alert> out) throws Exception {
        forgetOpen();
        StationState st = station.value();
        if (st != null) {
            clearIfQuiet(st, timestamp, out);
        }
    }

    /** The compound's escalation began or ended at {@code ts}: an open fire risk is assessed again at once. */
    public void reassess(long ts, String escalation, Collector<Alert> out) throws Exception {
        forgetOpen();
        StationState st = station.value();
        if (st != null && fireOpen(st.deviceId)) {
            draft(st, evaluate(st, tracks(st)), ts, escalation, out);
        }
    }

    /** Writes back what one input changed: the station, and the port histories it added to. */
    private void store(StationState st, boolean fresh, Map<Integer, PortTrack> changed) throws Exception {
        if (fresh) {
            station.update(st);
        }
        if (!changed.isEmpty()) {
            ports.putAll(changed);
        }
    }

    /** The compound of the current station ({@link FireSignals#compoundOf}); null before its first reading. */
    public String compound() throws Exception {
        StationState st = station.value();
        return st == null ? null : FireSignals.compoundOf(st.location, st.deviceId);
    }

    private StationState station(String deviceId, LocationChain location) throws Exception {
        StationState st = station.value();
        return st != null ? st : StationState.of(deviceId, location);
    }

    /**
     * Applies one reading ({@code kind}: a port temperature of {@code port}, the smoke flag or the leakage) to the
     * station and its port histories ({@code tracks}, kept up to date here; those it changed go in {@code changed},
     * to be stored once the whole input is applied); false when the reading was stale.
     */
    private boolean reading(FireSignal.Kind kind, int port, double value, long ts, LocationChain location,
                            StationState st, Map<Integer, PortTrack> tracks, Map<Integer, PortTrack> changed,
                            String escalation, TimerService timers, Collector<Alert> out) throws Exception {
        boolean fresh = switch (kind) {
            case PORT_TEMP -> portReading(st, port, value, ts, tracks, changed);
            case SMOKE -> smokeReading(st, value, ts);
            default -> leakageReading(st, value, ts);
        };
        if (!fresh) {
            staleReadings.inc();
            return false;
        }
        st.seen(ts, location);
        FireAssessment a = evaluate(st, tracks);
        trackQuiet(st, a, ts, timers);
        // Clear before drafting, so the reading that ends the quiet period does not refresh what it clears.
        if (clearIfQuiet(st, ts, out)) {
            a = evaluate(st, tracks);
        }
        draft(st, a, ts, escalation, out);
        return true;
    }

    private boolean portReading(StationState st, int port, double tempC, long ts, Map<Integer, PortTrack> tracks,
                                Map<Integer, PortTrack> changed) {
        PortTrack track = tracks.get(port);
        if (track == null) {
            track = new PortTrack();
        }
        if (!track.add(ts, tempC, trackKeepMs, trackSpacingMs)) {
            return false;
        }
        changed.put(port, track);
        tracks.put(port, track);
        st.addPort(port);
        return true;
    }

    private static boolean smokeReading(StationState st, double value, long ts) {
        if (ts < st.smokeTs) {
            return false;
        }
        // A smoke event and the telemetry of the same instant agree that there is smoke if either says so.
        st.smoke = ts == st.smokeTs ? st.smoke || value > 0 : value > 0;
        st.smokeTs = ts;
        return true;
    }

    private static boolean leakageReading(StationState st, double value, long ts) {
        if (ts < st.leakageTs) {
            return false;
        }
        st.leakageMa = ts == st.leakageTs ? Math.max(st.leakageMa, value) : value;
        st.leakageTs = ts;
        return true;
    }

    private FireAssessment evaluate(StationState st, Map<Integer, PortTrack> tracks) throws Exception {
        return FireAssessment.of(st, tracks, fireOpen(st.deviceId), settings, settings.reportingGap().toMillis());
    }

    /** Raises or updates the station's fire risk or leakage fault from its assessment. */
    private void draft(StationState st, FireAssessment a, long ts, String escalation, Collector<Alert> out)
            throws Exception {
        String fireKey = fireKey(st.deviceId);
        String leakKey = leakKey(st.deviceId);
        if (a.level() != null) {
            Severity severity = escalation == null ? a.level() : a.level().raised();
            AlertDraft fire = new AlertDraft(AlertType.FIRE_RISK, severity, SourceKind.DEVICE, st.deviceId,
                    st.deviceId, a.suspectPort(), st.location, ts, a.summary(st.deviceId, severity, escalation),
                    severity.atLeast(Severity.ORANGE) ? STOP_PORT : INSPECT_PORT, a.evidence(), a.facts(escalation));
            changedBook().raiseOrUpdate(fire).ifPresent(out::collect);
            if (leakOpen(st.deviceId)) {
                st.leakQuietSince = StationState.NONE;
                String fireId = book.get(fireKey).map(o -> o.id()).orElse("");
                changedBook().clear(leakKey, ts, "Leakage at station " + st.deviceId + " is now part of fire risk "
                        + fireId, a.evidence()).ifPresent(out::collect);
            }
        } else if (a.leakageOnly()) {
            AlertDraft leak = AlertDraft.device(AlertType.LEAKAGE_FAULT, Severity.ORANGE, st.deviceId, st.location, ts,
                    String.format(Locale.ROOT, "Leakage current %.1f mA at station %s (above %.0f mA): inspect the "
                            + "station", st.leakageMa, st.deviceId, settings.leakageMa()), INSPECT_STATION,
                    List.of(Evidence.reading(st.leakageTs, st.deviceId, "leakageMa", st.leakageMa, "mA")),
                    List.of(AlertFact.against("leakageMa", st.leakageMa, "mA", settings.leakageMa())));
            changedBook().raiseOrUpdate(leak).ifPresent(out::collect);
        }
    }

    /** Notes when the station's open alerts went quiet and sets the timer that may clear them. */
    private void trackQuiet(StationState st, FireAssessment a, long ts, TimerService timers) throws Exception {
        long clearAfter = settings.clearAfter().toMillis();
        if (!fireOpen(st.deviceId) || !a.quiet()) {
            st.fireQuietSince = StationState.NONE;
        } else if (st.fireQuietSince == StationState.NONE) {
            st.fireQuietSince = ts;
            timers.registerEventTimeTimer(ts + clearAfter);
        }
        if (!leakOpen(st.deviceId) || a.leaking()) {
            st.leakQuietSince = StationState.NONE;
        } else if (st.leakQuietSince == StationState.NONE) {
            st.leakQuietSince = ts;
            timers.registerEventTimeTimer(ts + clearAfter);
        }
    }

    /** Clears what has been quiet for the clear period, unless the station stopped reporting; true if it did. */
    private boolean clearIfQuiet(StationState st, long now, Collector<Alert> out) throws Exception {
        long clearAfter = settings.clearAfter().toMillis();
        if (!st.reporting(now, settings.reportingGap().toMillis())) {
            return false;
        }
        boolean changed = false;
        if (st.fireQuietSince != StationState.NONE && now - st.fireQuietSince >= clearAfter) {
            changedBook().clear(fireKey(st.deviceId), now, "No fire sign at station " + st.deviceId + " for "
                    + minutes(clearAfter) + " min", quietEvidence(st)).ifPresent(out::collect);
            st.fireQuietSince = StationState.NONE;
            changed = true;
        }
        if (st.leakQuietSince != StationState.NONE && now - st.leakQuietSince >= clearAfter) {
            changedBook().clear(leakKey(st.deviceId), now, String.format(Locale.ROOT, "Leakage at station %s back to "
                    + "%.1f mA for %d min", st.deviceId, st.leakageMa, minutes(clearAfter)), quietEvidence(st))
                    .ifPresent(out::collect);
            st.leakQuietSince = StationState.NONE;
            changed = true;
        }
        if (changed) {
            station.update(st);
        }
        return changed;
    }

    /** The station's port histories by port, in port order, read from state in one go. */
    private Map<Integer, PortTrack> tracks(StationState st) throws Exception {
        Map<Integer, PortTrack> out = new TreeMap<>();
        if (st.ports.length == 0) {
            return out;
        }
        for (Map.Entry<Integer, PortTrack> e : ports.entries()) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    private boolean fireOpen(String stationId) throws Exception {
        if (fireOpen == null) {
            fireOpen = book.isOpen(fireKey(stationId));
        }
        return fireOpen;
    }

    private boolean leakOpen(String stationId) throws Exception {
        if (leakOpen == null) {
            leakOpen = book.isOpen(leakKey(stationId));
        }
        return leakOpen;
    }

    private void forgetOpen() {
        fireOpen = null;
        leakOpen = null;
    }

    /** The book, about to change: what is open must be looked up again afterwards. */
    private AlertBook changedBook() {
        forgetOpen();
        return book;
    }

    private static List<Evidence> quietEvidence(StationState st) {
        return st.leakageTs == StationState.NONE ? List.of()
                : List.of(Evidence.reading(st.leakageTs, st.deviceId, "leakageMa", st.leakageMa, "mA"));
    }

    private String fireKey(String stationId) {
        keysFor(stationId);
        return fireKey;
    }

    private String leakKey(String stationId) {
        keysFor(stationId);
        return leakKey;
    }

    private void keysFor(String stationId) {
        if (!stationId.equals(keysOf)) {
            fireKey = Alert.dedupKey(AlertType.FIRE_RISK, stationId);
            leakKey = Alert.dedupKey(AlertType.LEAKAGE_FAULT, stationId);
            keysOf = stationId;
        }
    }

    static long minutes(long ms) {
        return ms / 60_000;
    }
}
