package io.anju.jobs.detect.gate;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertType;
import io.anju.jobs.alert.AlertBook;
import io.anju.jobs.alert.AlertDraft;
import io.anju.jobs.input.GateEvent;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Gate anomalies of the current gate, a part of the per-device detectors: {@code forced_open} → GATE_FORCED_OPEN orange at once,
 * {@code held_open} → GATE_HELD_OPEN yellow, {@code tailgate} → GATE_TAILGATING yellow, and a burst of denied
 * verifications with no pass between them → GATE_DENIED_BURST yellow.
 * <p>
 * Each alert is one {@link Episode}: a repeat within the quiet period updates it with the new event as evidence; it
 * clears once the quiet period passes without a repeat, by an event-time timer or by any later event of the gate
 * (a normal pass, say) at or past that time, whichever comes first. Either way the clear carries the same device
 * time, so the outcome does not depend on when the watermark arrives. Timers are never deleted (the device's other
 * detectors may have one at the same instant); one that finds nothing to end does nothing.
 */
public final class GateTracker {
    private static final AlertType[] EPISODE_TYPES = {AlertType.GATE_FORCED_OPEN, AlertType.GATE_HELD_OPEN,
            AlertType.GATE_TAILGATING, AlertType.GATE_DENIED_BURST};

    private final GateSettings settings;
    private final DeniedBurst deniedBurst;
    private final long quietMs;
    private final MapState<AlertType, Episode> episodes;
    private final ListState<Denial> denials;
    private final ValueState<Long> lastPassTs;
    private final AlertBook book;
    private final Counter staleReadings;
    private final Counter unknownKinds;

    private GateTracker(GateSettings settings, RuntimeContext ctx, Counter staleReadings) {
        this.settings = settings;
        this.deniedBurst = new DeniedBurst(settings);
        this.quietMs = settings.quietPeriod().toMillis();
        episodes = ctx.getMapState(new MapStateDescriptor<>("gate.episodes", AlertType.class, Episode.class));
        denials = ctx.getListState(new ListStateDescriptor<>("gate.denials", Denial.class));
        lastPassTs = ctx.getState(new ValueStateDescriptor<>("gate.lastPass", Long.class));
        // Gate events are rare and each repeat is news for the guard: every repeat emits an update with its evidence.
        book = new AlertBook(ctx.getMapState(AlertBook.descriptor("gate.alerts")), Duration.ZERO,
                System::currentTimeMillis);
        this.staleReadings = staleReadings;
        unknownKinds = ctx.getMetricGroup().counter("unknownKinds");
    }

    /** @param staleReadings counts repeats older than their episode */
    public static GateTracker open(RuntimeContext ctx, GateSettings settings, Counter staleReadings) {
        return new GateTracker(settings, ctx, staleReadings);
    }

    public void onEvent(GateEvent e, TimerService timers, Collector<Alert> out) throws Exception {
        GateKind kind = GateKind.fromWire(e.kind()).orElse(null);
        if (kind == null) {
            unknownKinds.inc();
            return;
        }
        endQuietEpisodes(e.deviceId(), e.ts(), out);
        switch (kind) {
            case PASS -> onPass(e);
            case DENIED -> onDenied(e, timers, out);
            case FORCED_OPEN -> trigger(AlertType.GATE_FORCED_OPEN, e, run -> GateAlerts.forcedOpen(e, run), timers,
                    out);
            case HELD_OPEN -> trigger(AlertType.GATE_HELD_OPEN, e, run -> GateAlerts.heldOpen(e, run), timers, out);
            case TAILGATE -> trigger(AlertType.GATE_TAILGATING, e, run -> GateAlerts.tailgating(e, run), timers,
                    out);
        }
    }

    /** A timer of the gate fired: ends the episodes that went quiet and forgets denials out of the window. */
    public void onTimer(String gateId, long timestamp, Collector<Alert> out) throws Exception {
        endQuietEpisodes(gateId, timestamp, out);
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
        timers.registerEventTimeTimer(next.quietUntil(quietMs));
    }

    /** Clears every open episode whose quiet period has passed by device time {@code ts}. */
    private void endQuietEpisodes(String gateId, long ts, Collector<Alert> out) throws Exception {
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
        }
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
