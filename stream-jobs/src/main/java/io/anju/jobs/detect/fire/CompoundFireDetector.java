package io.anju.jobs.detect.fire;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertFact;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.jobs.alert.AlertBook;
import io.anju.jobs.alert.AlertDraft;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fire signs of a compound (the key) that are not one station's own: a camera's smoke or flame that the same
 * camera confirms within 30 s raises a fire risk at the building, and a confirmed e-bike in an elevator raises the
 * building's advisory. While an advisory is open every fire risk of the compound is one level higher: every change of
 * the set of buildings with an open advisory goes out as an {@link Escalation} ({@link #ESCALATIONS}) to the
 * per-device detectors, which keep the stations' fire risks. Advisories and camera fire risks clear on event-time
 * timers after a quiet period of device time. Camera signals are rare, so this stage is small.
 */
public class CompoundFireDetector extends KeyedProcessFunction<String, FireSignal, Alert> {
    public static final OutputTag<Escalation> ESCALATIONS =
            new OutputTag<>("fire-escalations", TypeInformation.of(Escalation.class));
    static final String DISPATCH_PROPERTY_MANAGER = "dispatch_property_manager";
    private static final String ELEVATOR_PREFIX = AlertType.EBIKE_IN_ELEVATOR.wireName() + ":";

    private final FireRiskSettings settings;
    private final ElevatorSettings elevator;

    private transient AlertBook book;
    /** Dedup key of an open building advisory → device time of its latest confirmation. */
    private transient MapState<String, Long> advisories;
    /** Camera → device time of its latest unconfirmed smoke or flame detection. */
    private transient MapState<String, Long> cameraSightings;
    private transient Counter staleReadings;

    public CompoundFireDetector(FireRiskSettings settings, ElevatorSettings elevator) {
        this.settings = settings;
        this.elevator = elevator;
    }

    @Override
    public void open(OpenContext openContext) {
        book = new AlertBook(getRuntimeContext().getMapState(AlertBook.descriptor("fire-alerts")));
        advisories = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("fire-advisories", String.class, Long.class));
        cameraSightings = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("fire-camera-sightings", String.class, Long.class));
        staleReadings = getRuntimeContext().getMetricGroup().counter("staleReadings");
    }

    @Override
    public void processElement(FireSignal s, Context ctx, Collector<Alert> out) throws Exception {
        switch (s.kind()) {
            case CAMERA_SMOKE, CAMERA_FLAME -> cameraSighting(s, ctx, out);
            case EBIKE_IN_ELEVATOR_CONFIRMED -> elevatorConfirmed(s, ctx, out);
            default -> throw new IllegalArgumentException("a station's own signal reached the compound: " + s.kind());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        String before = openBuildings();
        for (Map.Entry<String, Long> a : toList(advisories.entries())) {
            long after = a.getKey().startsWith(ELEVATOR_PREFIX)
                    ? elevator.clearAfter().toMillis() : settings.clearAfter().toMillis();
            if (timestamp - a.getValue() >= after) {
                advisories.remove(a.getKey());
                book.clear(a.getKey(), timestamp, "No new confirmation for " + StationFireTracker.minutes(after)
                        + " min", List.of()).ifPresent(out::collect);
            }
        }
        for (Map.Entry<String, Long> c : toList(cameraSightings.entries())) {
            if (timestamp - c.getValue() > settings.cameraConfirmWindow().toMillis()) {
                cameraSightings.remove(c.getKey());
            }
        }
        tellIfChanged(before, ctx.getCurrentKey(), timestamp, ctx);
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
                        Evidence.event(s.ts(), s.deviceId(), what, s.snapshotId())),
                List.of(AlertFact.word("camera", what), AlertFact.figure("withinS", window / 1000, "s"))),
                s.ts() + settings.clearAfter().toMillis(), ctx, out);
    }

    private void elevatorConfirmed(FireSignal s, Context ctx, Collector<Alert> out) throws Exception {
        String before = openBuildings();
        String sourceId = buildingId(s);
        long firstTs = s.ts() - Math.round(s.value() * 1000);
        advisory(new AlertDraft(AlertType.EBIKE_IN_ELEVATOR, Severity.YELLOW, SourceKind.BUILDING, sourceId,
                s.deviceId(), null, s.location(), s.ts(), String.format(Locale.ROOT, "E-bike taken into the elevator "
                        + "of %s (camera %s, two detections %.1f s apart): send the property manager", sourceId,
                        s.deviceId(), s.value()), DISPATCH_PROPERTY_MANAGER,
                List.of(Evidence.event(firstTs, s.deviceId(), ElevatorConfirmation.EBIKE_IN_ELEVATOR,
                                s.earlierSnapshotId()),
                        Evidence.event(s.ts(), s.deviceId(), ElevatorConfirmation.EBIKE_IN_ELEVATOR,
                                s.snapshotId())),
                List.of(AlertFact.figure("apartS", s.value(), "s"))),
                s.ts() + elevator.clearAfter().toMillis(), ctx, out);
        tellIfChanged(before, ctx.getCurrentKey(), s.ts(), ctx);
    }

    private void advisory(AlertDraft d, long clearAt, Context ctx, Collector<Alert> out) throws Exception {
        Long last = advisories.get(d.dedupKey());
        if (last != null && d.eventTs() <= last) {
            staleReadings.inc();
            return;
        }
        advisories.put(d.dedupKey(), d.eventTs());
        ctx.timerService().registerEventTimeTimer(clearAt);
        book.raiseOrUpdate(d).ifPresent(out::collect);
    }

    /** The buildings of the compound with an open e-bike-in-elevator advisory, sorted, comma-separated. */
    private String openBuildings() throws Exception {
        List<String> buildings = new ArrayList<>();
        for (String key : advisories.keys()) {
            if (key.startsWith(ELEVATOR_PREFIX)) {
                buildings.add(key.substring(ELEVATOR_PREFIX.length()));
            }
        }
        buildings.sort(null);
        return String.join(", ", buildings);
    }

    private void tellIfChanged(String before, String compound, long ts, Context ctx) throws Exception {
        String now = openBuildings();
        if (!now.equals(before)) {
            ctx.output(ESCALATIONS, new Escalation(compound, ts, now));
        }
    }

    static String buildingId(FireSignal s) {
        return s.compoundId() + "/" + (s.building() == null ? s.deviceId() : s.building());
    }

    private static <T> List<T> toList(Iterable<T> items) {
        List<T> out = new ArrayList<>();
        if (items != null) {
            items.forEach(out::add);
        }
        return out;
    }
}
