package io.anju.jobs.history;

import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.DeviceInput;
import io.anju.jobs.input.PortReading;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The history of the charging stations, keyed by station (device id), so that the history keeps up with InfluxDB's
 * write rate: a raw point per port and reading would be eleven points for a ten-port telemetry.
 * <ul>
 *   <li>{@code charger_station}: every telemetry, at full resolution.</li>
 *   <li>{@code charger_port_minute}: per port and event-time minute, the figures of a {@link PortMinute} (a few
 *   numbers per port in keyed state, not the readings), written by an event-time timer when event time passes the
 *   minute's end, so a station that falls silent still gets its last minute written.</li>
 *   <li>{@code charger_port}: a port's raw reading only at a change of state and at its first reading in this run
 *   of the job ({@link PortStates}).</li>
 * </ul>
 * A reading up to {@link #ALLOWED_LATENESS} after its minute's end still counts: the minute is written again with the
 * corrected figures and overwrites its earlier point (same tags and timestamp). A minute's accumulator is dropped at
 * that deadline; a reading later than that is counted in {@code lateReadings} and left out of the minute (its
 * station point and any change of state are still written).
 */
public final class ChargerHistory extends KeyedProcessFunction<String, DeviceInput, SeriesPoint> {
    private static final long serialVersionUID = 1L;

    public static final Duration MINUTE = Duration.ofMinutes(1);
    /** As for the gate minutes: two minutes beyond the watermark's own out-of-orderness. */
    public static final Duration ALLOWED_LATENESS = GateMinuteCounts.ALLOWED_LATENESS;
    /** A station silent this long is forgotten; when it comes back its ports start a chart again. */
    public static final Duration FORGET_SILENT_STATION = Duration.ofDays(7);

    private static final long MINUTE_MS = MINUTE.toMillis();
    private static final long LATENESS_MS = ALLOWED_LATENESS.toMillis();

    private transient MapState<Long, PortMinute> minutes;
    private transient ValueState<PortStates> states;
    private transient long run;
    private transient Counter lateReadings;

    /** Minute start → that minute's figures, of the current station. */
    static MapStateDescriptor<Long, PortMinute> minutesDescriptor() {
        return new MapStateDescriptor<>("portMinutes", Types.LONG, TypeInformation.of(PortMinute.class));
    }

    /** The newest state of each port of the current station. */
    static ValueStateDescriptor<PortStates> statesDescriptor() {
        ValueStateDescriptor<PortStates> d = new ValueStateDescriptor<>("portStates",
                TypeInformation.of(PortStates.class));
        d.enableTimeToLive(StateTtlConfig.newBuilder(FORGET_SILENT_STATION).build());
        return d;
    }

    @Override
    public void open(OpenContext openContext) {
        minutes = getRuntimeContext().getMapState(minutesDescriptor());
        states = getRuntimeContext().getState(statesDescriptor());
        lateReadings = getRuntimeContext().getMetricGroup().counter("lateReadings");
        // A new number per run: ports not yet seen under it get a raw point, whatever the restored state says.
        long r = ThreadLocalRandom.current().nextLong();
        run = r == 0 ? 1 : r;
    }

    @Override
    public void processElement(DeviceInput in, Context ctx, Collector<SeriesPoint> out) throws Exception {
        if (!(in instanceof DeviceInput.Charger c)) {
            return;
        }
        ChargerTelemetry t = c.telemetry();
        out.collect(SeriesPoints.chargerStation(t));
        rawReadings(t, out);
        addToMinute(t, ctx.timerService(), out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SeriesPoint> out) throws Exception {
        // One timer per key and time: the end of one minute can also be the deadline of an earlier one.
        PortMinute due = minutes.get(timestamp + 1 - MINUTE_MS);
        if (due != null) {
            write(due, out);
        }
        minutes.remove(timestamp + 1 - MINUTE_MS - LATENESS_MS);
    }

    private void rawReadings(ChargerTelemetry t, Collector<SeriesPoint> out) throws Exception {
        PortStates known = states.value();
        if (known == null) {
            known = new PortStates();
        }
        for (PortReading p : t.ports()) {
            String before = known.stateOf(p.no());
            switch (known.observe(p.no(), p.state(), t.ts(), run)) {
                case FIRST -> out.collect(SeriesPoints.chargerPort(t, p, null));
                case CHANGED -> out.collect(SeriesPoints.chargerPort(t, p, before));
                case NONE -> {
                }
            }
        }
        states.update(known);
    }

    private void addToMinute(ChargerTelemetry t, TimerService timers, Collector<SeriesPoint> out) throws Exception {
        long start = t.ts() - Math.floorMod(t.ts(), MINUTE_MS);
        long end = start + MINUTE_MS - 1;
        long watermark = timers.currentWatermark();
        if (end + LATENESS_MS <= watermark) {
            lateReadings.inc();
            return;
        }
        PortMinute minute = minutes.get(start);
        if (minute == null) {
            minute = PortMinute.of(t.deviceId(), t.location(), start);
            if (end > watermark) {
                timers.registerEventTimeTimer(end);
            }
            timers.registerEventTimeTimer(end + LATENESS_MS);
        } else {
            minute.at(t.location());
        }
        for (PortReading p : t.ports()) {
            minute.add(t.ts(), p);
        }
        minutes.put(start, minute);
        if (end <= watermark) {
            // A late reading: its minute was written already, write it again corrected.
            write(minute, out);
        }
    }

    private static void write(PortMinute minute, Collector<SeriesPoint> out) {
        for (int i = 0; i < minute.ports.length; i++) {
            out.collect(SeriesPoints.chargerPortMinute(minute, i));
        }
    }
}
