package io.anju.jobs.history;

import io.anju.jobs.input.GateEvent;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

import java.time.Duration;

/**
 * {@code gate_traffic}: per gate and event-time minute, how many passed in and out, were denied, forced the gate,
 * held it open or tailgated. The point's timestamp is the minute's start.
 *
 * <p>Events up to {@link #ALLOWED_LATENESS} late still count: the window fires again with the corrected totals,
 * and because the point has the same tags and timestamp InfluxDB overwrites the earlier one.
 */
public final class GateMinuteCounts {
    public static final Duration MINUTE = Duration.ofMinutes(1);
    public static final Duration ALLOWED_LATENESS = Duration.ofMinutes(2);

    private GateMinuteCounts() {
    }

    /** Plug-in for the history job: gate events keyed by device id in, one point per gate and minute out. */
    public static DataStream<SeriesPoint> perMinute(KeyedStream<GateEvent, String> eventsByGate) {
        return eventsByGate
                .window(TumblingEventTimeWindows.of(MINUTE))
                .allowedLateness(ALLOWED_LATENESS)
                .aggregate(new Count(), new ToPoint())
                .name("gate-minute-counts")
                .uid("gate-minute-counts");
    }

    /** Incremental count: the window keeps one {@link GateCounts} per gate, not the events. */
    public static final class Count implements AggregateFunction<GateEvent, GateCounts, GateCounts> {
        @Override
        public GateCounts createAccumulator() {
            return new GateCounts();
        }

        @Override
        public GateCounts add(GateEvent event, GateCounts counts) {
            return counts.add(event);
        }

        @Override
        public GateCounts getResult(GateCounts counts) {
            return counts;
        }

        @Override
        public GateCounts merge(GateCounts a, GateCounts b) {
            return a.merge(b);
        }
    }

    /** Stamps the minute's counts with the window start. */
    public static final class ToPoint extends ProcessWindowFunction<GateCounts, SeriesPoint, String, TimeWindow> {
        @Override
        public void process(String gate, Context context, Iterable<GateCounts> counts, Collector<SeriesPoint> out) {
            for (GateCounts c : counts) {
                out.collect(SeriesPoints.gateMinute(c, context.window().getStart()));
            }
        }
    }
}
