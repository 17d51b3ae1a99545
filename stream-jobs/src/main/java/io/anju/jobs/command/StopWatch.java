package io.anju.jobs.command;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertFact;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.jobs.alert.AlertBook;
import io.anju.jobs.alert.AlertDraft;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.PortReading;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Confirms each automatic {@code stop_port} by the charger's own readings: a reading newer than the stop that shows
 * the port at or below {@link StopConfirmSettings#belowW} confirms it. When none does within
 * {@link StopConfirmSettings#within} of event time the stop is sent again under a new id, up to
 * {@link StopConfirmSettings#attempts} stops; after the last, the port raises {@link AlertType#STOP_UNCONFIRMED} (red,
 * {@code cut_power_on_site}), which a later confirming reading clears. Each outcome is written beside the gateway's
 * delivery reports ({@link StopOutcome}). Part of the per-device detectors; its state is one entry per port with a
 * stop in flight, removed when the port is seen off.
 */
public final class StopWatch {
    public static final String CUT_POWER_ON_SITE = "cut_power_on_site";
    public static final MapStateDescriptor<Integer, PendingStop> PENDING =
            new MapStateDescriptor<>("stop-watch", Types.INT, TypeInformation.of(PendingStop.class));

    private final StopConfirmSettings settings;
    private final long ttlMs;
    private final LongSupplier wallClock;
    private final MapState<Integer, PendingStop> pending;
    private final AlertBook book;

    private StopWatch(StopConfirmSettings settings, long ttlMs, LongSupplier wallClock,
                      MapState<Integer, PendingStop> pending, AlertBook book) {
        this.settings = settings;
        this.ttlMs = ttlMs;
        this.wallClock = wallClock;
        this.pending = pending;
        this.book = book;
    }

    public static StopWatch open(RuntimeContext ctx, StopConfirmSettings settings, Duration commandTtl) {
        return new StopWatch(settings, commandTtl.toMillis(), System::currentTimeMillis, ctx.getMapState(PENDING),
                new AlertBook(ctx.getMapState(AlertBook.descriptor("stopUnconfirmedAlerts"))));
    }

    /**
     * The first stop for {@code alert}'s port was just sent. {@code timers} is null when it was sent from the broadcast
     * side, which has none: the device's next telemetry or timer then arms it.
     */
    public void onSent(StopPortCommand command, Alert alert, TimerService timers) throws Exception {
        long sent = alert.lastEventTs();
        PendingStop p = new PendingStop(alert.id(), command.id(), 1, sent, sent + settings.within().toMillis(), false,
                Double.NaN, sent, alert.location());
        pending.put(command.port(), arm(p, timers));
    }

    /** A charger's telemetry: confirms the stops it shows done and remembers the power of those it does not. */
    public void onTelemetry(ChargerTelemetry t, TimerService timers, Collector<Alert> alerts,
                            Consumer<StopOutcome> outcomes) throws Exception {
        if (pending.isEmpty()) {
            return; // nearly always: no stop in flight on this charger
        }
        for (PortReading r : t.ports()) {
            PendingStop p = pending.get(r.no());
            if (p == null) {
                continue;
            }
            if (t.ts() <= p.sentTs()) {
                if (!p.timerSet()) {
                    pending.put(r.no(), arm(p, timers));
                }
            } else if (r.powerW() <= settings.belowW()) {
                confirmed(t, r, p, alerts, outcomes);
            } else {
                pending.put(r.no(), arm(p.withLast(r.powerW(), t.ts()), timers));
            }
        }
    }

    /** Event time reached {@code ts}: arms what is not armed, retries or gives up on what is due. */
    public void onTimer(String deviceId, long ts, TimerService timers, Collector<Alert> alerts,
                        Consumer<StopPortCommand> commands, Consumer<StopOutcome> outcomes) throws Exception {
        if (pending.isEmpty()) {
            return;
        }
        List<Map.Entry<Integer, PendingStop>> entries = new ArrayList<>();
        pending.entries().forEach(entries::add);
        for (Map.Entry<Integer, PendingStop> e : entries) {
            int port = e.getKey();
            PendingStop p = e.getValue();
            if (p.reportedUnconfirmed()) {
                continue;
            }
            if (p.dueTs() > ts) {
                if (!p.timerSet()) {
                    pending.put(port, arm(p, timers));
                }
            } else if (p.attempt() < settings.attempts()) {
                StopPortCommand again = StopPortCommand.forAlert(p.alertId(), deviceId, port, wallClock.getAsLong(),
                        ttlMs, p.attempt() + 1);
                PendingStop next = arm(p.retried(again.id(), ts, settings.within().toMillis()), timers);
                pending.put(port, next);
                commands.accept(again);
                outcomes.accept(StopOutcome.of("retried", again.id(), p.alertId(), deviceId, port, next.attempt(),
                        p.lastW(), ts));
            } else {
                pending.put(port, p.unconfirmed());
                outcomes.accept(StopOutcome.of("unconfirmed", p.commandId(), p.alertId(), deviceId, port, p.attempt(),
                        p.lastW(), ts));
                AlertDraft draft = AlertDraft.port(AlertType.STOP_UNCONFIRMED, Severity.RED, deviceId, port,
                        p.location(), ts, unconfirmedSummary(deviceId, port, p), CUT_POWER_ON_SITE, evidence(deviceId,
                                port, p.lastW(), p.lastTs()), unconfirmedFacts(p));
                book.raiseOrUpdate(draft).ifPresent(alerts::collect);
            }
        }
    }

    private void confirmed(ChargerTelemetry t, PortReading r, PendingStop p, Collector<Alert> alerts,
                           Consumer<StopOutcome> outcomes) throws Exception {
        String deviceId = t.deviceId();
        pending.remove(r.no());
        outcomes.accept(StopOutcome.of("confirmed", p.commandId(), p.alertId(), deviceId, r.no(), p.attempt(),
                r.powerW(), t.ts()));
        String key = Alert.dedupKey(AlertType.STOP_UNCONFIRMED, Alert.portSourceId(deviceId, r.no()));
        if (book.isOpen(key)) {
            book.clear(key, t.ts(), "Port " + r.no() + " of " + deviceId + " is off at last ("
                            + Math.round(r.powerW()) + " W)", evidence(deviceId, r.no(), r.powerW(), t.ts()))
                    .ifPresent(alerts::collect);
        }
    }

    private PendingStop arm(PendingStop p, TimerService timers) {
        if (timers == null || p.timerSet()) {
            return p;
        }
        timers.registerEventTimeTimer(p.dueTs());
        return p.withTimerSet();
    }

    private static String unconfirmedSummary(String deviceId, int port, PendingStop p) {
        String power = Double.isNaN(p.lastW()) ? "no reading since" : "still " + Math.round(p.lastW()) + " W";
        return "Remote stop of port " + port + " at " + deviceId + " not confirmed after " + p.attempt()
                + " attempts (" + power + "); cut the power on site";
    }

    /** The attempts made and, when the port reported since, its draw against the line that confirms a stop. */
    private List<AlertFact> unconfirmedFacts(PendingStop p) {
        AlertFact attempts = AlertFact.figure("attempts", p.attempt(), "times");
        return Double.isNaN(p.lastW()) ? List.of(attempts)
                : List.of(attempts, AlertFact.against("powerW", p.lastW(), "W", settings.belowW()));
    }

    private static List<Evidence> evidence(String deviceId, int port, double powerW, long ts) {
        return Double.isNaN(powerW) ? List.of() : List.of(Evidence.portReading(ts, deviceId, port, "powerW", powerW, "W"));
    }
}
