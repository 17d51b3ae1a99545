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
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
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
 * ({@link CompoundFireDetector} tells, as {@link EscalationSpans}), every fire risk of the compound is one level
 * higher: the fire risk is judged with the escalation in force at the time it is judged for.
 * Both alerts clear after a quiet period of device time, never while the station is silent. The escalation reaches
 * the detectors by another input than the station's readings, and only once the watermark has passed its time (the
 * camera's confirmation waits for it), so a fire risk clears only when the watermark of both inputs has passed its
 * clear time: every escalation before the clear has been applied to it by then.
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
    private final long clearAfterMs;
    private final long reportingGapMs;
    private final ValueState<StationState> station;
    private final MapState<Integer, PortTrack> ports;
    private final Counter staleReadings;
    private final StationAlerts alerts;

    private StationFireTracker(FireRiskSettings settings, RuntimeContext ctx, Counter staleReadings) {
        this.settings = settings;
        long window = settings.riseWindow().toMillis();
        this.trackKeepMs = window * 4 / 3;
        this.trackSpacingMs = window / TRACK_READINGS_PER_WINDOW;
        this.clearAfterMs = settings.clearAfter().toMillis();
        this.reportingGapMs = settings.reportingGap().toMillis();
        this.alerts = new StationAlerts(new AlertBook(ctx.getMapState(AlertBook.descriptor("fire-alerts"))));
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
    public void onTelemetry(ChargerTelemetry t, EscalationSpans escalation, TimerService timers,
                            Collector<Alert> out)
            throws Exception {
        alerts.forget();
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
    public void onEvent(ChargerEvent e, EscalationSpans escalation, TimerService timers, Collector<Alert> out)
            throws Exception {
        alerts.forget();
        for (FireSignal s : FireSignals.fromEvent(e)) {
            StationState st = station(s.deviceId(), s.location());
            Map<Integer, PortTrack> changed = new HashMap<>();
            boolean fresh = reading(s.kind(), s.port() == null ? 0 : s.port(), s.value(), s.ts(), s.location(), st,
                    tracks(st), changed, escalation, timers, out);
            store(st, fresh, changed);
        }
    }

    /**
     * A timer of the station fired: clears what has been quiet long enough, and judges an open fire risk again when
     * its compound's escalation ({@code escalations}: every compound's) changes at this time and no reading of the
     * station since has.
     */
    public void onTimer(long timestamp, ReadOnlyBroadcastState<String, EscalationSpans> escalations,
                        TimerService timers, Collector<Alert> out) throws Exception {
        alerts.forget();
        StationState st = station.value();
        if (st == null) {
            return;
        }
        boolean cleared = clearFireIfDue(st, timestamp, out);
        if (clearLeakIfQuiet(st, timestamp, out) || cleared) {
            station.update(st);
        }
        // A reading of that time or later has already been judged with the change.
        EscalationSpans escalation = escalations.get(FireSignals.compoundOf(st.location, st.deviceId));
        if (st.newestTs < timestamp && escalation != null && escalation.changesAt(timestamp)) {
            reassess(timestamp, escalation, timers, out);
        }
    }

    /**
     * The compound's escalation began or ended at {@code ts} ({@code escalation}: the compound's spans with that
     * change): an open fire risk is judged again at once, for that time or, when the station's readings are already
     * of a later time (the change arrived late), for that later time. A fire risk that clears by {@code ts} in event
     * time (its clear waits for the watermark), or may (quiet for the clear period by then, its readings up to then
     * not all in yet), is left alone: its next reading judges it. {@code timers}: null on the broadcast side, which
     * has none.
     */
    public void reassess(long ts, EscalationSpans escalation, TimerService timers, Collector<Alert> out)
            throws Exception {
        alerts.forget();
        StationState st = station.value();
        if (st == null || !alerts.fireOpen(st.deviceId)) {
            return;
        }
        long clearAt = fireClearTime(st, st.newestTs, ts, true);
        if (clearAt == StationState.NONE || ts < clearAt) {
            // The station's own time: its newest reading, or its clear time while the clear waits.
            long judged = st.fireClearAt == StationState.NONE ? st.newestTs : Math.min(st.newestTs, st.fireClearAt);
            draft(st, evaluate(st, tracks(st)), Math.max(ts, judged), escalation, timers, out);
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
                            EscalationSpans escalation, TimerService timers, Collector<Alert> out)
            throws Exception {
        boolean fresh = switch (kind) {
            case PORT_TEMP -> portReading(st, port, value, ts, tracks, changed);
            case SMOKE -> st.smokeReading(value, ts);
            default -> st.leakageReading(value, ts);
        };
        if (!fresh) {
            staleReadings.inc();
            return false;
        }
        long before = st.newestTs;
        st.seen(ts, location);
        FireAssessment a = evaluate(st, tracks);
        // Clear before drafting, so the reading that ends the quiet period does not refresh what it clears.
        long clearAt = fireClearTime(st, before, ts, a.quiet());
        if (clearAt != StationState.NONE) {
            if (a.quiet() && timers.currentWatermark() < clearAt) {
                // An escalation before the clear may still arrive: its timer clears it once the watermark is past.
                // Meanwhile the fire risk is over in event time, so this reading does not update it (and a leakage
                // fault is never open beside a fire risk).
                st.fireClearAt = clearAt;
                timers.registerEventTimeTimer(clearAt);
                return true;
            }
            // A fire sign again: the old fire risk clears at its time at once, so the new one need not wait.
            clearFire(st, clearAt, out);
            a = evaluate(st, tracks);
        }
        trackQuiet(st, a, ts, timers);
        if (clearLeakIfQuiet(st, ts, out)) {
            a = evaluate(st, tracks);
        }
        draft(st, a, ts, escalation, timers, out);
        return true;
    }

    /**
     * When, by the time {@code ts} of the reading just applied ({@code before}: the station's newest time before it),
     * the open fire risk clears in event time, or NONE: at the end of its quiet period if the station was reporting
     * then (its timer clears it at that time), else at the first quiet reading after it.
     */
    private long fireClearTime(StationState st, long before, long ts, boolean quiet) {
        if (st.fireClearAt != StationState.NONE) {
            return st.fireClearAt;
        }
        if (st.fireQuietSince == StationState.NONE || ts - st.fireQuietSince < clearAfterMs) {
            return StationState.NONE;
        }
        long due = st.fireQuietSince + clearAfterMs;
        if (before != StationState.NONE && due - before <= reportingGapMs) {
            return due;
        }
        return quiet ? ts : StationState.NONE;
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

    private FireAssessment evaluate(StationState st, Map<Integer, PortTrack> tracks) throws Exception {
        return FireAssessment.of(st, tracks, alerts.fireOpen(st.deviceId), settings, reportingGapMs);
    }

    /**
     * Raises or updates the station's fire risk or leakage fault from its assessment at {@code ts}, the fire risk with
     * the compound's escalation in force at {@code ts} ({@code escalations}: null when the compound has none). A
     * change of escalation already known for a later time gets a timer ({@code timers}, when there are any), so the
     * station is judged again at that time once its readings up to it are in, even if none comes after it.
     */
    private void draft(StationState st, FireAssessment a, long ts, EscalationSpans escalations, TimerService timers,
                       Collector<Alert> out) throws Exception {
        String fireKey = alerts.fireKey(st.deviceId);
        String leakKey = alerts.leakKey(st.deviceId);
        if (a.level() != null) {
            String escalation = escalation(st, ts, escalations);
            long next = escalations == null ? StationState.NONE : escalations.changeAfter(ts);
            if (timers != null && next != StationState.NONE) {
                timers.registerEventTimeTimer(next);
            }
            Severity severity = escalation == null ? a.level() : a.level().raised();
            AlertDraft fire = new AlertDraft(AlertType.FIRE_RISK, severity, SourceKind.DEVICE, st.deviceId,
                    st.deviceId, a.suspectPort(), st.location, ts, a.summary(st.deviceId, severity, escalation),
                    severity.atLeast(Severity.ORANGE) ? STOP_PORT : INSPECT_PORT, a.evidence(), a.facts(escalation));
            alerts.changing().raiseOrUpdate(fire).ifPresent(out::collect);
            if (alerts.leakOpen(st.deviceId)) {
                st.leakQuietSince = StationState.NONE;
                String fireId = alerts.book().get(fireKey).map(o -> o.id()).orElse("");
                alerts.changing().clear(leakKey, ts, "Leakage at station " + st.deviceId + " is now part of fire risk "
                        + fireId, a.evidence()).ifPresent(out::collect);
            }
        } else if (a.leakageOnly()) {
            AlertDraft leak = AlertDraft.device(AlertType.LEAKAGE_FAULT, Severity.ORANGE, st.deviceId, st.location, ts,
                    String.format(Locale.ROOT, "Leakage current %.1f mA at station %s (above %.0f mA): inspect the "
                            + "station", st.leakageMa, st.deviceId, settings.leakageMa()), INSPECT_STATION,
                    List.of(Evidence.reading(st.leakageTs, st.deviceId, "leakageMa", st.leakageMa, "mA")),
                    List.of(AlertFact.against("leakageMa", st.leakageMa, "mA", settings.leakageMa())));
            alerts.changing().raiseOrUpdate(leak).ifPresent(out::collect);
        }
    }

    /**
     * The escalation of the station's fire risk judged at {@code ts}: the one in force then, or, for a reading older
     * than the time the open fire risk was already judged for under an escalation (it arrived after a change of
     * escalation of a later time), that one: a late reading does not step an escalation down.
     */
    private String escalation(StationState st, long ts, EscalationSpans escalations) throws Exception {
        if (escalations == null) {
            return null;
        }
        String now = escalations.reasonAt(ts);
        if (now != null) {
            return now;
        }
        long judged = alerts.book().get(alerts.fireKey(st.deviceId)).map(o -> o.lastEventTs()).orElse(ts);
        return judged > ts ? escalations.reasonAt(judged) : null;
    }

    /** Notes when the station's open alerts went quiet and sets the timer that may clear them. */
    private void trackQuiet(StationState st, FireAssessment a, long ts, TimerService timers) throws Exception {
        if (!alerts.fireOpen(st.deviceId) || !a.quiet()) {
            st.fireQuietSince = StationState.NONE;
        } else if (st.fireQuietSince == StationState.NONE) {
            st.fireQuietSince = ts;
            timers.registerEventTimeTimer(ts + clearAfterMs);
        }
        if (!alerts.leakOpen(st.deviceId) || a.leaking()) {
            st.leakQuietSince = StationState.NONE;
        } else if (st.leakQuietSince == StationState.NONE) {
            st.leakQuietSince = ts;
            timers.registerEventTimeTimer(ts + clearAfterMs);
        }
    }

    /**
     * At a timer ({@code now}: the watermark of both inputs has passed it): clears the fire risk whose clear a reading
     * held for the watermark, or one that has been quiet for the clear period, unless the station stopped reporting;
     * true if it did.
     */
    private boolean clearFireIfDue(StationState st, long now, Collector<Alert> out) throws Exception {
        if (st.fireClearAt != StationState.NONE) {
            if (now < st.fireClearAt) {
                return false;
            }
            clearFire(st, st.fireClearAt, out);
            return true;
        }
        if (st.fireQuietSince == StationState.NONE || now - st.fireQuietSince < clearAfterMs
                || !st.reporting(now, reportingGapMs)) {
            return false;
        }
        clearFire(st, now, out);
        return true;
    }

    private void clearFire(StationState st, long at, Collector<Alert> out) throws Exception {
        alerts.changing().clear(alerts.fireKey(st.deviceId), at, "No fire sign at station " + st.deviceId + " for "
                + minutes(clearAfterMs) + " min", st.quietEvidence()).ifPresent(out::collect);
        st.fireQuietSince = StationState.NONE;
        st.fireClearAt = StationState.NONE;
    }

    /** Clears a leakage fault back to normal for the clear period, unless the station stopped reporting; true if so. */
    private boolean clearLeakIfQuiet(StationState st, long now, Collector<Alert> out) throws Exception {
        if (st.leakQuietSince == StationState.NONE || now - st.leakQuietSince < clearAfterMs
                || !st.reporting(now, reportingGapMs)) {
            return false;
        }
        String why = String.format(Locale.ROOT, "Leakage at station %s back to %.1f mA for %d min", st.deviceId,
                st.leakageMa, minutes(clearAfterMs));
        alerts.changing().clear(alerts.leakKey(st.deviceId), now, why, st.quietEvidence()).ifPresent(out::collect);
        st.leakQuietSince = StationState.NONE;
        return true;
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

    static long minutes(long ms) {
        return ms / 60_000;
    }
}
