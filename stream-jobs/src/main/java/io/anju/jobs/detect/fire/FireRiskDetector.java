package io.anju.jobs.detect.fire;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.jobs.alert.AlertBook;
import io.anju.jobs.alert.AlertDraft;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Fire risk, leakage fault and e-bike-in-elevator advisories of one compound (the key), from {@link FireSignal}s.
 * Per station it fuses port temperatures, smoke and leakage ({@link FireAssessment}); per building it raises the
 * confirmed e-bike-in-elevator advisory, which raises every open fire risk of the compound one level while it is
 * open, and a fire risk for a camera's smoke or flame that the same camera confirms within 30 s.
 * Everything clears on event-time timers after a quiet period of device time.
 */
public class FireRiskDetector extends KeyedProcessFunction<String, FireSignal, Alert> {
    static final String STOP_PORT = "stop_port";
    static final String INSPECT_PORT = "inspect_port";
    static final String INSPECT_STATION = "inspect_station";
    static final String DISPATCH_PROPERTY_MANAGER = "dispatch_property_manager";

    private final FireRiskSettings settings;
    private final ElevatorSettings elevator;

    private transient AlertBook book;
    private transient MapState<String, StationState> stations;
    private transient MapState<String, PortTrack> ports;
    /** Dedup key of an open building advisory → device time of its latest confirmation. */
    private transient MapState<String, Long> advisories;
    /** Camera → device time of its latest unconfirmed smoke or flame detection. */
    private transient MapState<String, Long> cameraSightings;
    private transient Counter staleReadings;

    public FireRiskDetector(FireRiskSettings settings, ElevatorSettings elevator) {
        this.settings = settings;
        this.elevator = elevator;
    }

    /** Keys the signals by compound and runs this detector on them. */
    public static DataStream<Alert> alerts(DataStream<FireSignal> signals, FireRiskSettings settings,
                                           ElevatorSettings elevator) {
        return signals.keyBy(FireSignal::compoundId)
                .process(new FireRiskDetector(settings, elevator))
                .uid("detect-fire-risk").name("fire risk");
    }

    @Override
    public void open(OpenContext openContext) {
        book = new AlertBook(getRuntimeContext().getMapState(AlertBook.descriptor("fire-alerts")));
        stations = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("fire-stations", String.class, StationState.class));
        ports = getRuntimeContext().getMapState(new MapStateDescriptor<>("fire-ports", String.class, PortTrack.class));
        advisories = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("fire-advisories", String.class, Long.class));
        cameraSightings = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("fire-camera-sightings", String.class, Long.class));
        staleReadings = getRuntimeContext().getMetricGroup().counter("staleReadings");
    }

    @Override
    public void processElement(FireSignal s, Context ctx, Collector<Alert> out) throws Exception {
        switch (s.kind()) {
            case STATION_READING -> stationReading(s, ctx, out);
            case PORT_TEMP, SMOKE, LEAKAGE -> singleStationSignal(s, ctx, out);
            case CAMERA_SMOKE, CAMERA_FLAME -> cameraSighting(s, ctx, out);
            case EBIKE_IN_ELEVATOR_CONFIRMED -> elevatorConfirmed(s, ctx, out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        boolean elevatorWasOpen = elevatorOpen();
        for (Map.Entry<String, Long> a : toList(advisories.entries())) {
            long after = a.getKey().startsWith(AlertType.EBIKE_IN_ELEVATOR.wireName())
                    ? elevator.clearAfter().toMillis() : settings.clearAfter().toMillis();
            if (timestamp - a.getValue() >= after) {
                advisories.remove(a.getKey());
                emit(book.clear(a.getKey(), timestamp, "No new confirmation for " + minutes(after) + " min",
                        List.of()), out);
            }
        }
        for (Map.Entry<String, Long> c : toList(cameraSightings.entries())) {
            if (timestamp - c.getValue() > settings.cameraConfirmWindow().toMillis()) {
                cameraSightings.remove(c.getKey());
            }
        }
        boolean escalationEnded = elevatorWasOpen && !elevatorOpen();
        for (StationState st : toList(stations.values())) {
            if (escalationEnded && book.isOpen(fireKey(st.deviceId))) {
                assess(st, timestamp, out);
            }
            clearIfQuiet(st, timestamp, out);
        }
    }

    /**
     * Applies a whole telemetry exactly as its single readings would be applied one after the other; the station and
     * its port histories are read from state once for all of them.
     */
    private void stationReading(FireSignal s, Context ctx, Collector<Alert> out) throws Exception {
        StationState st = station(s);
        Map<Integer, PortTrack> tracks = tracks(st);
        for (FireSignal single : s.reading().signals(s)) {
            stationSignal(single, st, tracks, ctx, out);
        }
    }

    private void singleStationSignal(FireSignal s, Context ctx, Collector<Alert> out) throws Exception {
        StationState st = station(s);
        stationSignal(s, st, tracks(st), ctx, out);
    }

    private StationState station(FireSignal s) throws Exception {
        StationState st = stations.get(s.deviceId());
        return st != null ? st : StationState.of(s.deviceId(), s.location());
    }

    /** Applies one reading to the station and its port histories ({@code tracks}, kept up to date here). */
    private void stationSignal(FireSignal s, StationState st, Map<Integer, PortTrack> tracks, Context ctx,
                               Collector<Alert> out) throws Exception {
        boolean fresh = switch (s.kind()) {
            case PORT_TEMP -> portReading(st, s, tracks);
            case SMOKE -> smokeReading(st, s);
            default -> leakageReading(st, s);
        };
        if (!fresh) {
            staleReadings.inc();
            return;
        }
        st.seen(s.ts(), s.location());
        FireAssessment a = evaluate(st, tracks);
        trackQuiet(st, a, s.ts(), ctx);
        // Clear before drafting, so the reading that ends the quiet period does not refresh what it clears.
        if (clearIfQuiet(st, s.ts(), out)) {
            a = evaluate(st, tracks);
        }
        draft(st, a, s.ts(), out);
        stations.put(st.deviceId, st);
    }

    private boolean portReading(StationState st, FireSignal s, Map<Integer, PortTrack> tracks) throws Exception {
        String key = portKey(st.deviceId, s.port());
        PortTrack track = tracks.get(s.port());
        if (track == null) {
            track = new PortTrack();
        }
        long keep = settings.riseWindow().toMillis() * 4 / 3;
        if (!track.add(s.ts(), s.value(), keep)) {
            return false;
        }
        ports.put(key, track);
        tracks.put(s.port(), track);
        st.addPort(s.port());
        return true;
    }

    private static boolean smokeReading(StationState st, FireSignal s) {
        if (s.ts() < st.smokeTs) {
            return false;
        }
        // A smoke event and the telemetry of the same instant agree that there is smoke if either says so.
        st.smoke = s.ts() == st.smokeTs ? st.smoke || s.value() > 0 : s.value() > 0;
        st.smokeTs = s.ts();
        return true;
    }

    private static boolean leakageReading(StationState st, FireSignal s) {
        if (s.ts() < st.leakageTs) {
            return false;
        }
        st.leakageMa = s.ts() == st.leakageTs ? Math.max(st.leakageMa, s.value()) : s.value();
        st.leakageTs = s.ts();
        return true;
    }

    private FireAssessment evaluate(StationState st, Map<Integer, PortTrack> tracks) throws Exception {
        return FireAssessment.of(st, tracks, book.isOpen(fireKey(st.deviceId)), settings,
                settings.reportingGap().toMillis());
    }

    private void assess(StationState st, long ts, Collector<Alert> out) throws Exception {
        draft(st, evaluate(st, tracks(st)), ts, out);
    }

    /** Raises or updates the station's fire risk or leakage fault from its assessment. */
    private void draft(StationState st, FireAssessment a, long ts, Collector<Alert> out) throws Exception {
        String fireKey = fireKey(st.deviceId);
        String leakKey = leakKey(st.deviceId);
        if (a.level() != null) {
            String escalation = escalation();
            Severity severity = escalation == null ? a.level() : a.level().raised();
            emit(book.raiseOrUpdate(new AlertDraft(AlertType.FIRE_RISK, severity, SourceKind.DEVICE, st.deviceId,
                    st.deviceId, a.suspectPort(), st.location, ts, a.summary(st.deviceId, severity, escalation),
                    severity.atLeast(Severity.ORANGE) ? STOP_PORT : INSPECT_PORT, a.evidence())), out);
            if (book.isOpen(leakKey)) {
                st.leakQuietSince = StationState.NONE;
                String fireId = book.get(fireKey).map(o -> o.id()).orElse("");
                emit(book.clear(leakKey, ts, "Leakage at station " + st.deviceId + " is now part of fire risk "
                        + fireId, a.evidence()), out);
            }
        } else if (a.leakageOnly()) {
            emit(book.raiseOrUpdate(AlertDraft.device(AlertType.LEAKAGE_FAULT, Severity.ORANGE, st.deviceId,
                    st.location, ts, String.format(Locale.ROOT, "Leakage current %.1f mA at station %s (above %.0f mA)"
                            + ": inspect the station", st.leakageMa, st.deviceId, settings.leakageMa()),
                    INSPECT_STATION, List.of(Evidence.reading(st.leakageTs, st.deviceId, "leakageMa", st.leakageMa,
                            "mA")))), out);
        }
    }

    /** Notes when a station's open alerts went quiet and sets the timer that may clear them. */
    private void trackQuiet(StationState st, FireAssessment a, long ts, Context ctx) throws Exception {
        long clearAfter = settings.clearAfter().toMillis();
        if (!book.isOpen(fireKey(st.deviceId)) || !a.quiet()) {
            st.fireQuietSince = StationState.NONE;
        } else if (st.fireQuietSince == StationState.NONE) {
            st.fireQuietSince = ts;
            ctx.timerService().registerEventTimeTimer(ts + clearAfter);
        }
        if (!book.isOpen(leakKey(st.deviceId)) || a.leaking()) {
            st.leakQuietSince = StationState.NONE;
        } else if (st.leakQuietSince == StationState.NONE) {
            st.leakQuietSince = ts;
            ctx.timerService().registerEventTimeTimer(ts + clearAfter);
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
            emit(book.clear(fireKey(st.deviceId), now, "No fire sign at station " + st.deviceId + " for "
                    + minutes(clearAfter) + " min", quietEvidence(st)), out);
            st.fireQuietSince = StationState.NONE;
            changed = true;
        }
        if (st.leakQuietSince != StationState.NONE && now - st.leakQuietSince >= clearAfter) {
            emit(book.clear(leakKey(st.deviceId), now, String.format(Locale.ROOT, "Leakage at station %s back to "
                    + "%.1f mA for %d min", st.deviceId, st.leakageMa, minutes(clearAfter)), quietEvidence(st)), out);
            st.leakQuietSince = StationState.NONE;
            changed = true;
        }
        if (changed) {
            stations.put(st.deviceId, st);
        }
        return changed;
    }

    private void cameraSighting(FireSignal s, Context ctx, Collector<Alert> out) throws Exception {
        Long earlier = cameraSightings.get(s.deviceId());
        long window = settings.cameraConfirmWindow().toMillis();
        if (earlier == null || earlier == s.ts() || Math.abs(s.ts() - earlier) > window) {
            cameraSightings.put(s.deviceId(), earlier == null ? s.ts() : Math.max(earlier, s.ts()));
            ctx.timerService().registerEventTimeTimer(s.ts() + window + 1);
            return;
        }
        cameraSightings.remove(s.deviceId());
        String what = s.kind() == FireSignal.Kind.CAMERA_FLAME ? "flame" : "smoke";
        String sourceId = buildingId(s);
        advisory(new AlertDraft(AlertType.FIRE_RISK, Severity.ORANGE, SourceKind.BUILDING, sourceId, s.deviceId(),
                null, s.location(), s.ts(), String.format(Locale.ROOT, "Camera %s saw %s twice within %d s in %s: "
                        + "check at once and call the fire service if confirmed", s.deviceId(), what, window / 1000,
                        sourceId), DISPATCH_PROPERTY_MANAGER,
                List.of(Evidence.event(Math.min(earlier, s.ts()), s.deviceId(), what, null),
                        Evidence.event(s.ts(), s.deviceId(), what, s.snapshotId()))),
                s.ts() + settings.clearAfter().toMillis(), ctx, out);
    }

    private void elevatorConfirmed(FireSignal s, Context ctx, Collector<Alert> out) throws Exception {
        boolean wasOpen = elevatorOpen();
        String sourceId = buildingId(s);
        long firstTs = s.ts() - Math.round(s.value() * 1000);
        advisory(new AlertDraft(AlertType.EBIKE_IN_ELEVATOR, Severity.YELLOW, SourceKind.BUILDING, sourceId,
                s.deviceId(), null, s.location(), s.ts(), String.format(Locale.ROOT, "E-bike taken into the elevator "
                        + "of %s (camera %s, two detections %.1f s apart): send the property manager", sourceId,
                        s.deviceId(), s.value()), DISPATCH_PROPERTY_MANAGER,
                List.of(Evidence.event(firstTs, s.deviceId(), ElevatorConfirmation.EBIKE_IN_ELEVATOR,
                                s.earlierSnapshotId()),
                        Evidence.event(s.ts(), s.deviceId(), ElevatorConfirmation.EBIKE_IN_ELEVATOR,
                                s.snapshotId()))),
                s.ts() + elevator.clearAfter().toMillis(), ctx, out);
        if (!wasOpen) {
            for (StationState st : toList(stations.values())) {
                if (book.isOpen(fireKey(st.deviceId))) {
                    assess(st, s.ts(), out);
                }
            }
        }
    }

    private void advisory(AlertDraft d, long clearAt, Context ctx, Collector<Alert> out) throws Exception {
        Long last = advisories.get(d.dedupKey());
        if (last != null && d.eventTs() <= last) {
            staleReadings.inc();
            return;
        }
        advisories.put(d.dedupKey(), d.eventTs());
        ctx.timerService().registerEventTimeTimer(clearAt);
        emit(book.raiseOrUpdate(d), out);
    }

    private boolean elevatorOpen() throws Exception {
        String prefix = AlertType.EBIKE_IN_ELEVATOR.wireName() + ":";
        for (String key : advisories.keys()) {
            if (key.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Why open fire risks are one level higher, or null: the open e-bike-in-elevator advisories. */
    private String escalation() throws Exception {
        String prefix = AlertType.EBIKE_IN_ELEVATOR.wireName() + ":";
        List<String> buildings = new ArrayList<>();
        for (String key : advisories.keys()) {
            if (key.startsWith(prefix)) {
                buildings.add(key.substring(prefix.length()));
            }
        }
        if (buildings.isEmpty()) {
            return null;
        }
        buildings.sort(null);
        return "raised one level: e-bike in the elevator of " + String.join(", ", buildings);
    }

    /** The station's port histories by port, in port order. */
    private Map<Integer, PortTrack> tracks(StationState st) throws Exception {
        Map<Integer, PortTrack> out = new TreeMap<>();
        for (int p : st.ports) {
            PortTrack t = ports.get(portKey(st.deviceId, p));
            if (t != null) {
                out.put(p, t);
            }
        }
        return out;
    }

    private static List<Evidence> quietEvidence(StationState st) {
        return st.leakageTs == StationState.NONE ? List.of()
                : List.of(Evidence.reading(st.leakageTs, st.deviceId, "leakageMa", st.leakageMa, "mA"));
    }

    private static void emit(Optional<Alert> alert, Collector<Alert> out) {
        alert.ifPresent(out::collect);
    }

    static String fireKey(String stationId) {
        return Alert.dedupKey(AlertType.FIRE_RISK, stationId);
    }

    static String leakKey(String stationId) {
        return Alert.dedupKey(AlertType.LEAKAGE_FAULT, stationId);
    }

    static String buildingId(FireSignal s) {
        return s.compoundId() + "/" + (s.building() == null ? s.deviceId() : s.building());
    }

    private static String portKey(String deviceId, int port) {
        return Alert.portSourceId(deviceId, port);
    }

    private static long minutes(long ms) {
        return ms / 60_000;
    }

    private static <T> List<T> toList(Iterable<T> items) {
        List<T> out = new ArrayList<>();
        if (items != null) {
            Iterator<T> it = items.iterator();
            it.forEachRemaining(out::add);
        }
        return out;
    }
}
