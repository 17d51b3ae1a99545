package io.anju.jobs.command;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertFact;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.common.command.DeviceCommand;
import io.anju.jobs.alert.AlertBook;
import io.anju.jobs.alert.AlertDraft;
import io.anju.jobs.input.CaseCommand;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.PortReading;
import io.anju.jobs.input.StopDelivery;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Confirms each {@code stop_port} by the charger's own readings: a reading that shows the port at or below
 * {@link StopConfirmSettings#belowW} confirms it, if the gateway received it after it delivered the stop to the
 * charger ({@link StopDelivery}, the gateway's report; both times on the gateway's receive clock). Newer in event time
 * is not enough: a job behind its input still has readings to come from before the stop reached the charger, which may
 * show the port off from an earlier stop. Report and readings come on two topics in either order: the stop keeps the
 * delivery time and the port's latest reading ({@link PendingStop}), and whichever comes second decides; a report
 * that comes before the job watches its stop waits in {@link StopDeliveries}. Without a report there is no
 * confirmation. When none comes within {@link StopConfirmSettings#within} of
 * event time the stop is sent again under a new id, up to {@link StopConfirmSettings#attempts} stops; after the last,
 * the port raises {@link AlertType#STOP_UNCONFIRMED} (red, {@code cut_power_on_site}), which a later confirming reading
 * clears. Each outcome is written beside the gateway's delivery reports ({@link StopOutcome}). Retries, outcomes and
 * the alert all go to the compound's cap as {@link StopEvent}s: a stop the cap held is watched here too, and the cap
 * drops what is said about it. Part of the per-device detectors; its state is one entry per port with a stop in
 * flight, removed when the port is seen off.
 * <p>
 * There are two watches per charger, with the same settings and the port's one {@code stop_unconfirmed} alert:
 * {@link #automatic} for the stops the job sends itself, {@link #people} for those people send for a case
 * ({@link CaseCommand}), whose outcomes name the case and which the cap never holds. A person's {@code resume_port}
 * ends both watches of the port ({@link StopOutcome#RESUMED}) and clears its {@code stop_unconfirmed}: a person
 * turned it back on.
 */
public final class StopWatch {
    public static final String CUT_POWER_ON_SITE = "cut_power_on_site";
    /** The automatic stops in flight, by port. */
    public static final MapStateDescriptor<Integer, PendingStop> PENDING =
            new MapStateDescriptor<>("stop-watch", Types.INT, TypeInformation.of(PendingStop.class));
    /** The stops people sent for a case in flight, by port. */
    public static final MapStateDescriptor<Integer, PendingStop> PEOPLES =
            new MapStateDescriptor<>("case-stop-watch", Types.INT, TypeInformation.of(PendingStop.class));
    /**
     * How long after its TTL (wall clock) a person's command is still watched: one read later is history (a job reading
     * the topic from its start, or back after a long outage), which the gateway no longer delivers either.
     */
    static final long STALE_AFTER_TTL_MS = Duration.ofMinutes(15).toMillis();
    private static final String STOP_UNCONFIRMED_ALERTS = "stopUnconfirmedAlerts";

    private final StopConfirmSettings settings;
    private final long ttlMs;
    private final LongSupplier wallClock;
    private final MapState<Integer, PendingStop> pending;
    private final AlertBook book;
    private final StopDeliveries early;
    private final boolean byPerson;

    private StopWatch(StopConfirmSettings settings, long ttlMs, LongSupplier wallClock,
                      MapState<Integer, PendingStop> pending, AlertBook book, StopDeliveries early, boolean byPerson) {
        this.settings = settings;
        this.ttlMs = ttlMs;
        this.wallClock = wallClock;
        this.pending = pending;
        this.book = book;
        this.early = early;
        this.byPerson = byPerson;
    }

    /** The watch of the job's own stops; deliveries reported before it watched their stop wait in {@code early}. */
    public static StopWatch automatic(RuntimeContext ctx, StopConfirmSettings settings, Duration commandTtl,
                                      StopDeliveries early) {
        return new StopWatch(settings, commandTtl.toMillis(), System::currentTimeMillis, ctx.getMapState(PENDING),
                new AlertBook(ctx.getMapState(AlertBook.descriptor(STOP_UNCONFIRMED_ALERTS))), early, false);
    }

    /** The watch of the stops people send for a case; its retries live {@code commandTtl} as the job's own do. */
    public static StopWatch people(RuntimeContext ctx, StopConfirmSettings settings, Duration commandTtl,
                                   StopDeliveries early) {
        return new StopWatch(settings, commandTtl.toMillis(), System::currentTimeMillis, ctx.getMapState(PEOPLES),
                new AlertBook(ctx.getMapState(AlertBook.descriptor(STOP_UNCONFIRMED_ALERTS))), early, true);
    }

    /**
     * The first stop for {@code alert}'s port was just sent. {@code timers} is null when it was sent from the broadcast
     * side, which has none: the device's next telemetry or timer then arms it.
     */
    public void onSent(DeviceCommand command, Alert alert, TimerService timers) throws Exception {
        long sent = alert.lastEventTs();
        PendingStop p = new PendingStop(alert.id(), command.id(), 1, sent, sent + settings.within().toMillis(), false,
                Double.NaN, sent, alert.location(), 0, early.take(command.id()), 0);
        pending.put(command.port(), arm(p, timers));
    }

    /**
     * A person's {@code stop_port} for a case reached the job. {@code sentTs} is the event time its bound counts from:
     * the charger's newest reading so far (the command's own time is the case service's clock, not the devices'). A
     * command read long after its TTL is not watched.
     */
    public void onCaseStop(CaseCommand stop, long sentTs, TimerService timers) throws Exception {
        if (wallClock.getAsLong() > stop.ts() + stop.ttlMs() + STALE_AFTER_TTL_MS) {
            return;
        }
        PendingStop p = new PendingStop(stop.alertId(), stop.id(), 1, sentTs, sentTs + settings.within().toMillis(),
                false, Double.NaN, sentTs, null, stop.caseId(), early.take(stop.id()), 0);
        pending.put(stop.port(), arm(p, timers));
    }

    /**
     * A person resumed a port for a case: its stop in flight, if any, is no longer watched (told as
     * {@link StopOutcome#RESUMED}), and a {@code stop_unconfirmed} it raised is cleared at event time {@code ts}.
     */
    public void onResume(CaseCommand resume, long ts, Consumer<StopEvent> out) throws Exception {
        PendingStop p = pending.get(resume.port());
        if (p == null || wallClock.getAsLong() > resume.ts() + resume.ttlMs() + STALE_AFTER_TTL_MS) {
            return;
        }
        String deviceId = resume.deviceId();
        pending.remove(resume.port());
        out.accept(StopEvent.outcome(StopOutcome.resumed(p, deviceId, resume.port(), resume, ts), p.location(),
                byPerson));
        String key = Alert.dedupKey(AlertType.STOP_UNCONFIRMED, Alert.portSourceId(deviceId, resume.port()));
        if (p.reportedUnconfirmed() && book.isOpen(key)) {
            book.clear(key, ts, "Port " + resume.port() + " of " + deviceId + " resumed for case " + resume.caseId()
                    + "; its stop is no longer watched", List.of())
                    .ifPresent(a -> out.accept(StopEvent.unconfirmed(a, byPerson)));
        }
    }

    /**
     * A charger's telemetry, received by the gateway at {@code receivedAt} (0: unknown): confirms the stops it shows
     * done after their delivery and remembers the port's power in the others.
     */
    public void onTelemetry(ChargerTelemetry t, long receivedAt, TimerService timers, Consumer<StopEvent> out)
            throws Exception {
        if (pending.isEmpty()) {
            return; // nearly always: no stop in flight on this charger
        }
        for (PortReading r : t.ports()) {
            PendingStop p = pending.get(r.no());
            if (p == null) {
                continue;
            }
            if (t.ts() <= p.sentTs() || receivedAt < p.lastReadAt()) {
                if (!p.timerSet()) {
                    pending.put(r.no(), arm(p, timers));
                }
                continue;
            }
            PendingStop seen = p.withLast(r.powerW(), t.ts(), receivedAt, t.location());
            if (seen.confirmedBy(settings.belowW())) {
                confirmed(t.deviceId(), r.no(), seen, out);
            } else {
                pending.put(r.no(), arm(seen, timers));
            }
        }
    }

    /**
     * A gateway delivered a {@code stop_port} to the charger: the watched stop of that command learns when, and is
     * confirmed if the port's latest reading, received later, shows it off. False when this watch has no stop of that
     * command (the other watch's, one not watched yet, or one no longer watched).
     */
    public boolean onDelivered(StopDelivery d, Consumer<StopEvent> out) throws Exception {
        if (pending.isEmpty()) {
            return false;
        }
        List<Map.Entry<Integer, PendingStop>> entries = new ArrayList<>();
        pending.entries().forEach(entries::add);
        for (Map.Entry<Integer, PendingStop> e : entries) {
            PendingStop p = e.getValue();
            if (!p.commandId().equals(d.commandId())) {
                continue;
            }
            PendingStop delivered = p.delivered(d.deliveredAt());
            if (delivered.confirmedBy(settings.belowW())) {
                confirmed(d.deviceId(), e.getKey(), delivered, out);
            } else {
                pending.put(e.getKey(), delivered);
            }
            return true;
        }
        return false;
    }

    /** Event time reached {@code ts}: arms what is not armed, retries or gives up on what is due. */
    public void onTimer(String deviceId, long ts, TimerService timers, Consumer<StopEvent> out) throws Exception {
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
                DeviceCommand again = p.byPerson()
                        ? StopPortCommands.retryOf(p.commandId(), p.caseId(), p.alertId(), deviceId, port,
                        wallClock.getAsLong(), ttlMs, p.attempt() + 1)
                        : StopPortCommands.forAlert(p.alertId(), deviceId, port, wallClock.getAsLong(), ttlMs,
                        p.attempt() + 1);
                PendingStop retried = p.retried(again.id(), ts, settings.within().toMillis());
                long deliveredEarly = early.take(again.id());
                PendingStop next = arm(deliveredEarly > 0 ? retried.delivered(deliveredEarly) : retried, timers);
                pending.put(port, next);
                out.accept(StopEvent.retry(again, p.location(), byPerson));
                out.accept(StopEvent.outcome(StopOutcome.of("retried", p, again.id(), deviceId, port, next.attempt(),
                        p.lastW(), ts), p.location(), byPerson));
            } else {
                pending.put(port, p.unconfirmed());
                out.accept(StopEvent.outcome(StopOutcome.of("unconfirmed", p, p.commandId(), deviceId, port,
                        p.attempt(), p.lastW(), ts), p.location(), byPerson));
                AlertDraft draft = AlertDraft.port(AlertType.STOP_UNCONFIRMED, Severity.RED, deviceId, port,
                        p.location(), ts, unconfirmedSummary(deviceId, port, p), CUT_POWER_ON_SITE, evidence(deviceId,
                                port, p.lastW(), p.lastTs()), unconfirmedFacts(p));
                book.raiseOrUpdate(draft).ifPresent(a -> out.accept(StopEvent.unconfirmed(a, byPerson)));
            }
        }
    }

    /** {@code p}'s latest reading shows its port off after its delivery. */
    private void confirmed(String deviceId, int port, PendingStop p, Consumer<StopEvent> out) throws Exception {
        pending.remove(port);
        out.accept(StopEvent.outcome(StopOutcome.of("confirmed", p, p.commandId(), deviceId, port, p.attempt(),
                p.lastW(), p.lastTs()), p.location(), byPerson));
        String key = Alert.dedupKey(AlertType.STOP_UNCONFIRMED, Alert.portSourceId(deviceId, port));
        if (book.isOpen(key)) {
            book.clear(key, p.lastTs(), "Port " + port + " of " + deviceId + " is off at last ("
                            + Math.round(p.lastW()) + " W)", evidence(deviceId, port, p.lastW(), p.lastTs()))
                    .ifPresent(a -> out.accept(StopEvent.unconfirmed(a, byPerson)));
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
