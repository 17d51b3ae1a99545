package io.anju.jobs.detect.gate;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertType;
import io.anju.jobs.alert.AlertBook;
import io.anju.jobs.alert.AlertDraft;
import io.anju.jobs.input.GateEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Gate anomalies, keyed by gate device id: {@code forced_open} → GATE_FORCED_OPEN orange at once,
 * {@code held_open} → GATE_HELD_OPEN yellow, {@code tailgate} → GATE_TAILGATING yellow, and a burst of denied
 * verifications with no pass between them → GATE_DENIED_BURST yellow.
 * <p>
 * Each alert is one {@link Episode}: a repeat within the quiet period updates it with the new event as evidence; it
 * clears once the quiet period passes without a repeat, by an event-time timer or by any later event of the gate
 * (a normal pass, say) at or past that time, whichever comes first. Either way the clear carries the same device
 * time, so the outcome does not depend on when the watermark arrives.
 */
public final class GateAnomalyDetector extends KeyedProcessFunction<String, GateEvent, Alert> {
    private static final AlertType[] EPISODE_TYPES = {AlertType.GATE_FORCED_OPEN, AlertType.GATE_HELD_OPEN,
            AlertType.GATE_TAILGATING, AlertType.GATE_DENIED_BURST};

    private final GateSettings settings;
    private final DeniedBurst deniedBurst;
    private final long quietMs;

    private transient MapState<AlertType, Episode> episodes;
    private transient ListState<Denial> denials;
    private transient ValueState<Long> lastPassTs;
    private transient AlertBook book;
    private transient Counter staleReadings;
    private transient Counter unknownKinds;

    public GateAnomalyDetector(GateSettings settings) {
        this.settings = settings;
        this.deniedBurst = new DeniedBurst(settings);
        this.quietMs = settings.quietPeriod().toMillis();
    }

    /** The key selector the job must key the {@link GateEvent} stream by. */
    public static String key(GateEvent e) {
        return e.deviceId();
    }

    @Override
    public void open(OpenContext openContext) {
        episodes = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("gate.episodes", AlertType.class, Episode.class));
        denials = getRuntimeContext().getListState(new ListStateDescriptor<>("gate.denials", Denial.class));
        lastPassTs = getRuntimeContext().getState(new ValueStateDescriptor<>("gate.lastPass", Long.class));
        // Gate events are rare and each repeat is news for the guard: every repeat emits an update with its evidence.
        book = new AlertBook(getRuntimeContext().getMapState(AlertBook.descriptor("gate.alerts")), Duration.ZERO,
                System::currentTimeMillis);
        staleReadings = getRuntimeContext().getMetricGroup().counter("staleReadings");
        unknownKinds = getRuntimeContext().getMetricGroup().counter("unknownKinds");
    }

    @Override
    public void processElement(GateEvent e, Context ctx, Collector<Alert> out) throws Exception {
        GateKind kind = GateKind.fromWire(e.kind()).orElse(null);
        if (kind == null) {
            unknownKinds.inc();
            return;
        }
        endQuietEpisodes(ctx.getCurrentKey(), e.ts(), ctx.timerService(), out);
        switch (kind) {
            case PASS -> onPass(e);
            case DENIED -> onDenied(e, ctx.timerService(), out);
            case FORCED_OPEN -> trigger(AlertType.GATE_FORCED_OPEN, e, run -> GateAlerts.forcedOpen(e, run),
                    ctx.timerService(), out);
            case HELD_OPEN -> trigger(AlertType.GATE_HELD_OPEN, e, run -> GateAlerts.heldOpen(e, run),
                    ctx.timerService(), out);
            case TAILGATE -> trigger(AlertType.GATE_TAILGATING, e, run -> GateAlerts.tailgating(e, run),
                    ctx.timerService(), out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        endQuietEpisodes(ctx.getCurrentKey(), timestamp, ctx.timerService(), out);
        List<Denial> recent = recentDenials();
        if (!recent.isEmpty()) {
            long horizon = timestamp - settings.deniedWindow().toMillis();
            recent.removeIf(d -> d.ts() < horizon);
            denials.update(recent);
        }
    }

    private void onPass(GateEvent e) throws Exception {
        Long last = lastPassTs.value();
        if (last == null || e.ts() > last) {
            lastPassTs.update(e.ts());
        }
        List<Denial> recent = recentDenials();
        if (!recent.isEmpty()) {
            denials.update(DeniedBurst.afterPass(recent, e.ts()));
        }
    }

    private void onDenied(GateEvent e, TimerService timers, Collector<Alert> out) throws Exception {
        Long lastPass = lastPassTs.value();
        if (lastPass != null && e.ts() <= lastPass) {
            return;
        }
        List<Denial> recent = deniedBurst.add(recentDenials(), Denial.of(e));
        denials.update(recent);
        List<Denial> burst = deniedBurst.burstWith(recent, e.ts());
        if (!burst.isEmpty()) {
            trigger(AlertType.GATE_DENIED_BURST, e, run -> GateAlerts.deniedBurst(e, run, burst), timers, out);
        }
    }

    private void trigger(AlertType type, GateEvent e, Function<Episode, AlertDraft> draft, TimerService timers,
                         Collector<Alert> out) throws Exception {
        Episode run = episodes.get(type);
        Episode next;
        switch (Episode.step(run, e.ts(), quietMs)) {
            case LATE -> {
                staleReadings.inc();
                return;
            }
            case EXTEND -> next = run.extend(e.ts());
            default -> next = Episode.begin(e.ts());
        }
        episodes.put(type, next);
        book.raiseOrUpdate(draft.apply(next)).ifPresent(out::collect);
        long deadline = next.quietUntil(quietMs);
        if (run != null && run.open() && run.quietUntil(quietMs) != deadline) {
            dropTimerUnlessShared(run.quietUntil(quietMs), type, timers);
        }
        timers.registerEventTimeTimer(deadline);
    }

    /** Clears every open episode whose quiet period has passed by device time {@code ts}. */
    private void endQuietEpisodes(String gateId, long ts, TimerService timers, Collector<Alert> out)
            throws Exception {
        for (AlertType type : EPISODE_TYPES) {
            Episode run = episodes.get(type);
            if (run == null || !run.quietBy(ts, quietMs)) {
                continue;
            }
            long end = run.quietUntil(quietMs);
            episodes.put(type, run.closed());
            book.clear(Alert.dedupKey(type, gateId), end, GateAlerts.cleared(type, gateId, run, settings.quietPeriod()),
                    List.of())
                    .ifPresent(out::collect);
            if (end > timers.currentWatermark()) {
                dropTimerUnlessShared(end, type, timers);
            }
        }
    }

    /** Two episodes can end at the same millisecond; their shared timer stays until both have ended. */
    private void dropTimerUnlessShared(long deadline, AlertType owner, TimerService timers) throws Exception {
        for (AlertType other : EPISODE_TYPES) {
            Episode run = other == owner ? null : episodes.get(other);
            if (run != null && run.open() && run.quietUntil(quietMs) == deadline) {
                return;
            }
        }
        timers.deleteEventTimeTimer(deadline);
    }

    private List<Denial> recentDenials() throws Exception {
        List<Denial> list = new ArrayList<>();
        Iterable<Denial> stored = denials.get();
        if (stored != null) {
            stored.forEach(list::add);
        }
        return list;
    }

}
