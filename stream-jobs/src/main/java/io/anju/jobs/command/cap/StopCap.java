package io.anju.jobs.command.cap;

import io.anju.common.alert.Alert;
import io.anju.common.command.DeviceCommand;
import io.anju.jobs.command.StopEvent;
import io.anju.jobs.command.StopOutcome;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The cap on mass automatic cut-offs, keyed by compound: every automatic stop, retry, stop outcome and
 * {@code stop_unconfirmed} alert of the per-device detectors passes here ({@link StopEvent}). The first stop an alert
 * asks for goes out at once while the compound has sent fewer than {@link StopCapSettings#perMinute} in the minute
 * before it; past that it is held ({@link HeldStops}): not sent, told as a {@code withheld} outcome in the asking
 * alert's case, and listed in the compound's {@code mass_cutoff_held} alert for a person to decide. What the stop watch
 * says later about a held stop (retries, outcomes, {@code stop_unconfirmed}) is dropped; everything about a sent one
 * passes unchanged. So does everything about a stop a person sent for a case ({@link StopEvent#byPerson}): a person
 * decided it, so it is neither counted nor held.
 * <p>
 * The minute is event time (the asking alerts' device time): a replay after a restore counts the same stops in the
 * same minutes, and a backlog caught up in seconds after an outage is not mistaken for a burst; a device clock off by
 * more than the jobs' clock tolerance counts at the gateway's receive time, so a wrong clock cannot move its stops
 * out of the count. Its one timer forgets a sent stop when its minute has passed; a held stop waits for its alert's
 * clear, not for time.
 */
public final class StopCap extends KeyedProcessFunction<String, StopEvent, Alert> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeviceCommand> COMMANDS =
            new OutputTag<>("stop-port", TypeInformation.of(DeviceCommand.class));
    public static final OutputTag<StopOutcome> OUTCOMES =
            new OutputTag<>("stop-outcomes", TypeInformation.of(StopOutcome.class));

    private final StopCapSettings settings;

    private transient SentStops sent;
    private transient HeldStops held;
    private transient Counter heldStops;

    public StopCap(StopCapSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        sent = SentStops.open(getRuntimeContext());
        held = HeldStops.open(getRuntimeContext());
        heldStops = getRuntimeContext().getMetricGroup().counter("heldStops");
    }

    @Override
    public void processElement(StopEvent e, Context ctx, Collector<Alert> out) throws Exception {
        if (e.byPerson()) {
            passOn(e, ctx, out);
            return;
        }
        switch (e.kind()) {
            case REQUEST -> request(e, ctx, out);
            case RETRY -> {
                if (!held.isHeld(e.command().alertId())) {
                    ctx.output(COMMANDS, e.command());
                }
            }
            case OUTCOME -> {
                if (held.isHeld(e.outcome().alertId())) {
                    held.onOutcome(e.outcome());
                } else {
                    ctx.output(OUTCOMES, e.outcome());
                }
            }
            case UNCONFIRMED -> {
                if (!held.mutes(e.alert())) {
                    out.collect(e.alert());
                }
            }
            case RELEASE -> held.release(e.compoundId(), e.alert(), settings.perMinute()).ifPresent(out::collect);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        sent.expire(timestamp);
    }

    /** The {@code heldStops} metric: stops held since the job started. */
    long heldStops() {
        return heldStops.getCount();
    }

    private static void passOn(StopEvent e, Context ctx, Collector<Alert> out) {
        switch (e.kind()) {
            case RETRY -> ctx.output(COMMANDS, e.command());
            case OUTCOME -> ctx.output(OUTCOMES, e.outcome());
            case UNCONFIRMED -> out.collect(e.alert());
            default -> throw new IllegalArgumentException("a person's stop does not " + e.kind());
        }
    }

    private void request(StopEvent e, Context ctx, Collector<Alert> out) throws Exception {
        DeviceCommand command = e.command();
        Alert askedBy = e.alert();
        held.supersede(command.deviceId(), command.port());
        if (sent.tryCount(askedBy.lastEventTs(), settings.perMinute())) {
            ctx.output(COMMANDS, command);
            ctx.timerService().registerEventTimeTimer(sent.expiry(askedBy.lastEventTs()));
            return;
        }
        heldStops.inc();
        ctx.output(OUTCOMES, StopOutcome.withheld(command, askedBy.lastEventTs(), "more than "
                + settings.perMinute() + " automatic stops within a minute in " + e.compoundId()
                + "; held for a person to confirm (mass_cutoff_held)"));
        held.hold(e.compoundId(), command, askedBy, settings.perMinute()).ifPresent(out::collect);
    }
}
