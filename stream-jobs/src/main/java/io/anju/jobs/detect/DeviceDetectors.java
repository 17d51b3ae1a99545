package io.anju.jobs.detect;

import io.anju.common.alert.Alert;
import io.anju.jobs.command.AutoStop;
import io.anju.jobs.command.AutoStopPolicy;
import io.anju.jobs.command.StopDeliveries;
import io.anju.jobs.input.CaseCommand;
import io.anju.jobs.command.StopEvent;
import io.anju.jobs.command.StopWatch;
import io.anju.jobs.detect.charger.IllegalLoadTracker;
import io.anju.jobs.detect.charger.NewestReading;
import io.anju.jobs.detect.charger.PortOverloadTracker;
import io.anju.jobs.detect.charger.StationOverloadTracker;
import io.anju.jobs.detect.fire.Escalation;
import io.anju.jobs.detect.fire.EscalationSpans;
import io.anju.jobs.detect.fire.FireSignals;
import io.anju.jobs.detect.fire.StationFireTracker;
import io.anju.jobs.detect.gate.GateTracker;
import io.anju.jobs.detect.offline.OfflineTracker;
import io.anju.jobs.input.ChargerEvent;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.DeviceInput;
import io.anju.jobs.input.StopDelivery;
import io.anju.common.model.LocationChain;
import io.anju.jobs.registry.RegistryHolder;
import io.anju.jobs.registry.RegistrySource;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Every detector whose state is one device's, in one operator keyed by device id: the job's one shuffle brings each
 * device's envelopes here, and each part keeps its own keyed state.
 * <ul>
 *   <li>every device: {@link OfflineTracker};</li>
 *   <li>chargers: {@link PortOverloadTracker}, {@link StationOverloadTracker} and {@link IllegalLoadTracker} on each
 *   telemetry newer than the station's newest ({@link NewestReading}), {@link StationFireTracker} on telemetry and
 *   events;</li>
 *   <li>gates: {@link GateTracker}.</li>
 * </ul>
 * The compound's fire stage sends {@link Escalation}s on the broadcast input, kept per compound as
 * {@link EscalationSpans}: a station's fire risk is one level higher while its compound has an open
 * e-bike-in-elevator advisory (judged by event time, not by which input arrived first), and is assessed again when one
 * begins or ends.
 * Every alert is emitted here (to a sink chained to this operator), and a red one that may stop a port automatically
 * ({@link AutoStop}) also asks for its {@code stop_port} on {@link #STOPS}; {@link StopWatch} then confirms it by the
 * port's readings the gateway received after it delivered the stop (its report, {@link DeviceInput.Delivered}, read
 * from {@code anju.command-results}), sends it again or raises the port's {@code stop_unconfirmed}, and tells each
 * outcome on
 * {@link #STOPS} too. Everything on {@link #STOPS} goes through the compound's cap on mass cut-offs
 * ({@link io.anju.jobs.command.cap.StopCap}), which sends it on or holds it. A person's {@code stop_port} for a case
 * ({@link DeviceInput.Command}, read from {@code anju.commands}) is watched the same way by a second
 * {@link StopWatch} of its own, whose events the cap passes on untouched; a person's {@code resume_port} ends the
 * port's watches. The timers of all parts share the key's
 * timer service: each part checks on every timer of its device whether something of its own is due.
 */
public final class DeviceDetectors extends KeyedBroadcastProcessFunction<String, DeviceInput, Escalation, Alert> {
    private static final long serialVersionUID = 1L;

    /**
     * Automatic stops, their retries and outcomes, the retries and outcomes of people's stops, and
     * {@code stop_unconfirmed} alerts, for the compound's cap.
     */
    public static final OutputTag<StopEvent> STOPS =
            new OutputTag<>("automatic-stops", TypeInformation.of(StopEvent.class));
    /** Compound → its escalations over event time, while any is kept. */
    public static final MapStateDescriptor<String, EscalationSpans> ESCALATIONS = new MapStateDescriptor<>(
            "fire-escalation-spans", Types.STRING, TypeInformation.of(EscalationSpans.class));

    private final DetectorSettings settings;
    private final AutoStopPolicy autoStopPolicy;
    private final Duration commandTtl;
    /** Null (detector tests without a registry): every device is in service. */
    private final RegistrySource registrySource;
    /**
     * Opened at the first outage judged, not in {@link #open}: most instances never judge one, and an operator that
     * opens slowly lets its two inputs queue up and be read out of their arrival order.
     */
    private transient RegistryHolder registry;

    private transient NewestReading newest;
    private transient PortOverloadTracker portOverload;
    private transient StationOverloadTracker stationOverload;
    private transient IllegalLoadTracker illegalLoad;
    private transient StationFireTracker fire;
    private transient OfflineTracker offline;
    private transient GateTracker gates;
    private transient AutoStop autoStop;
    private transient StopWatch stopWatch;
    private transient StopWatch peoplesStops;
    private transient StopDeliveries deliveries;
    private transient Emitter emitter;

    /** @param registry the registry, which says whether a silent device is expected to report; null: every device */
    public DeviceDetectors(DetectorSettings settings, AutoStopPolicy autoStop, Duration commandTtl,
                           RegistrySource registry) {
        this.settings = settings;
        this.autoStopPolicy = autoStop;
        this.commandTtl = commandTtl;
        this.registrySource = registry;
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.close();
        }
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        var ctx = getRuntimeContext();
        // One counter for the whole operator: readings that came after a newer one of the same device and kind.
        Counter stale = ctx.getMetricGroup().counter("staleReadings");
        newest = NewestReading.open(ctx, "chargerNewestTs", stale);
        portOverload = PortOverloadTracker.open(ctx, settings.portOverload());
        stationOverload = StationOverloadTracker.open(ctx, settings.stationOverload());
        illegalLoad = IllegalLoadTracker.open(ctx, settings.illegalLoad());
        fire = StationFireTracker.open(ctx, settings.fireRisk(), stale);
        offline = OfflineTracker.open(ctx, settings.offline(), stale);
        gates = GateTracker.open(ctx, settings.gate(), stale);
        autoStop = AutoStop.open(ctx, autoStopPolicy, commandTtl);
        deliveries = StopDeliveries.open(ctx);
        stopWatch = StopWatch.automatic(ctx, settings.stopConfirm(), commandTtl, deliveries);
        peoplesStops = StopWatch.people(ctx, settings.stopConfirm(), commandTtl, deliveries);
        emitter = new Emitter();
    }

    @Override
    public void processElement(DeviceInput in, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        Emitter em = emitter.to(out, ctx);
        TimerService timers = ctx.timerService();
        if (in instanceof DeviceInput.Command c) {
            onCaseCommand(c.command(), timers, em);
            return;
        }
        if (in instanceof DeviceInput.Delivered d) {
            onDelivered(d.delivery(), em);
            return;
        }
        offline.onSeen(in.seen(), timers, em);
        if (in instanceof DeviceInput.Charger c) {
            ChargerTelemetry t = c.telemetry();
            if (newest.accept(t.ts())) {
                portOverload.onTelemetry(t, em);
                stationOverload.onTelemetry(t, em);
                illegalLoad.onTelemetry(t, em);
            }
            fire.onTelemetry(t, escalation(ctx, t.location(), t.deviceId()), timers, em);
            stopWatch.onTelemetry(t, c.seen().receivedAt(), timers, em::stop);
            peoplesStops.onTelemetry(t, c.seen().receivedAt(), timers, em::stop);
        } else if (in instanceof DeviceInput.ChargerEvt e) {
            ChargerEvent event = e.event();
            portOverload.onEvent(event, newest.isNewer(event.ts()));
            fire.onEvent(event, escalation(ctx, event.location(), event.deviceId()), timers, em);
        } else if (in instanceof DeviceInput.Gate g) {
            gates.onEvent(g.event(), timers, em);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        Emitter em = emitter.to(out, ctx);
        String deviceId = ctx.getCurrentKey();
        offline.onTimer(deviceId, timestamp, ctx.timerService(), em, this::inService);
        fire.onTimer(timestamp, ctx.getBroadcastState(ESCALATIONS), ctx.timerService(), em);
        gates.onTimer(deviceId, timestamp, em);
        stopWatch.onTimer(deviceId, timestamp, ctx.timerService(), em::stop);
        peoplesStops.onTimer(deviceId, timestamp, ctx.timerService(), em::stop);
    }

    /** Whether the registry in use still expects {@code deviceId} to report (asked only before an outage is raised). */
    private boolean inService(String deviceId) {
        if (registrySource == null) {
            return true;
        }
        try {
            if (registry == null) {
                registry = registrySource.open();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("registry " + registrySource.file() + " cannot be read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening the registry", e);
        }
        return registry.current().inService(deviceId);
    }

    @Override
    public void processBroadcastElement(Escalation e, Context ctx, Collector<Alert> out) throws Exception {
        BroadcastState<String, EscalationSpans> escalations = ctx.getBroadcastState(ESCALATIONS);
        EscalationSpans before = escalations.get(e.compoundId());
        boolean wasActive = before != null && before.activeAt(e.ts());
        // Kept as long as a reading may still be judged for a time before the change: the fire rules' horizon.
        EscalationSpans after = EscalationSpans.adding(before, e, settings.fireRisk().clearAfter().toMillis());
        if (after.isEmpty()) {
            escalations.remove(e.compoundId());
        } else {
            escalations.put(e.compoundId(), after);
        }
        if (wasActive == e.active()) {
            return;
        }
        Emitter em = emitter.to(out, ctx);
        ctx.applyToKeyedState(StationFireTracker.alertsDescriptor(), (deviceId, alerts) -> {
            if (e.compoundId().equals(fire.compound())) {
                fire.reassess(e.ts(), after, null, em);
            }
        });
    }

    /**
     * A person's command for a case. Its time is the case service's clock, so it counts at the charger's own event
     * time: its newest reading, or the operator's event time before the first.
     */
    private void onCaseCommand(CaseCommand c, TimerService timers, Emitter em) throws Exception {
        Long newestTs = newest.newest();
        long now = newestTs != null ? newestTs
                : timers.currentWatermark() > Long.MIN_VALUE ? timers.currentWatermark() : c.ts();
        if (c.isStop()) {
            peoplesStops.onCaseStop(c, now, timers);
        } else {
            peoplesStops.onResume(c, now, em::stop);
            stopWatch.onResume(c, now, em::stop);
        }
    }

    /** A gateway delivered a {@code stop_port}: to the watch of that stop, else kept until one watches it. */
    private void onDelivered(StopDelivery d, Emitter em) throws Exception {
        if (!stopWatch.onDelivered(d, em::stop) && !peoplesStops.onDelivered(d, em::stop)) {
            deliveries.keep(d);
        }
    }

    /** The escalations over event time of this reading's compound, or null when it has none. */
    private static EscalationSpans escalation(ReadOnlyContext ctx, LocationChain location, String deviceId)
            throws Exception {
        return ctx.getBroadcastState(ESCALATIONS).get(FireSignals.compoundOf(location, deviceId));
    }

    /**
     * Emits alerts to the operator's output, and the {@code stop_port} an alert calls for (into the {@link StopWatch}
     * too) and everything else about automatic stops to {@link #STOPS}.
     */
    private final class Emitter implements Collector<Alert> {
        private Collector<Alert> out;
        private ReadOnlyContext readOnly;
        private Context broadcast;

        Emitter to(Collector<Alert> out, ReadOnlyContext ctx) {
            this.out = out;
            this.readOnly = ctx;
            this.broadcast = null;
            return this;
        }

        Emitter to(Collector<Alert> out, Context ctx) {
            this.out = out;
            this.readOnly = null;
            this.broadcast = ctx;
            return this;
        }

        @Override
        public void collect(Alert alert) {
            out.collect(alert);
            StopEvent stop;
            try {
                stop = autoStop.onAlert(alert);
            } catch (Exception e) {
                throw new IllegalStateException("automatic stop_port state of " + alert.deviceId(), e);
            }
            if (stop == null) {
                return;
            }
            stop(stop);
            if (stop.kind() != StopEvent.Kind.REQUEST) {
                return;
            }
            try {
                stopWatch.onSent(stop.command(), alert, readOnly == null ? null : readOnly.timerService());
            } catch (Exception e) {
                throw new IllegalStateException("stop watch state of " + alert.deviceId(), e);
            }
        }

        void stop(StopEvent event) {
            if (readOnly != null) {
                readOnly.output(STOPS, event);
            } else {
                broadcast.output(STOPS, event);
            }
        }

        @Override
        public void close() {
        }
    }
}
