package io.anju.jobs.detect.offline;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertType;
import io.anju.jobs.alert.AlertBook;
import io.anju.jobs.alert.OpenAlert;
import io.anju.jobs.input.DeviceSeen;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.Optional;

/**
 * Device offline: no message of a device for {@link OfflineSettings#timeout} of event time raises DEVICE_OFFLINE
 * (yellow, {@code check_device}); its next live message clears it with the downtime. Keyed by device id; input is
 * every message of the device reduced to {@link DeviceSeen}.
 * <p>
 * One event-time timer per device sits at last-seen + timeout and moves with every newer message. The job's
 * watermarks advance with the wall clock on a quiet stream, so the timer fires when the whole stream is silent too.
 * An offline status (the Will) does not raise by itself, as the device may reconnect within its back-off; it goes
 * into the evidence. A device never seen since the job's state began cannot be missed by this detector.
 */
public final class OfflineDetector extends KeyedProcessFunction<String, DeviceSeen, Alert> {
    private final OfflineRule rule;

    private transient ValueState<Liveness> liveness;
    /** The one pending timer of the device; it is not moved per message but re-armed when it fires early. */
    private transient ValueState<Long> timer;
    private transient AlertBook book;
    private transient Counter staleReadings;

    public OfflineDetector(OfflineSettings settings) {
        this.rule = new OfflineRule(settings);
    }

    /** The key selector the job must key the {@link DeviceSeen} stream by. */
    public static String key(DeviceSeen seen) {
        return seen.deviceId();
    }

    @Override
    public void open(OpenContext openContext) {
        liveness = getRuntimeContext().getState(new ValueStateDescriptor<>("offline.liveness", Liveness.class));
        timer = getRuntimeContext().getState(new ValueStateDescriptor<>("offline.timer", Long.class));
        book = new AlertBook(getRuntimeContext().getMapState(AlertBook.descriptor("offline.alerts")));
        staleReadings = getRuntimeContext().getMetricGroup().counter("staleReadings");
    }

    @Override
    public void processElement(DeviceSeen m, Context ctx, Collector<Alert> out) throws Exception {
        Liveness current = liveness.value();
        Liveness next = rule.observe(current, m);
        if (next == null) {
            staleReadings.inc();
            return;
        }
        String deviceId = ctx.getCurrentKey();
        String key = Alert.dedupKey(AlertType.DEVICE_OFFLINE, deviceId);
        Optional<OpenAlert> open = book.get(key);
        if (current != null && open.isPresent() && OfflineRule.endsOutage(m, open.get().firstEventTs())) {
            book.clear(key, m.ts(), OfflineAlerts.backOnline(deviceId, current, m.ts()),
                    OfflineAlerts.backOnlineEvidence(deviceId, current, m.ts())).ifPresent(out::collect);
        }
        liveness.update(next);
        // Moving a timer on every message costs a delete and an insert in the timer queue; a device reports every
        // few seconds, so instead the one pending timer is re-armed when it fires before the current deadline.
        long deadline = rule.deadline(next);
        Long pending = timer.value();
        if (pending == null || deadline < pending) {
            if (pending != null) {
                ctx.timerService().deleteEventTimeTimer(pending);
            }
            ctx.timerService().registerEventTimeTimer(deadline);
            timer.update(deadline);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        timer.clear();
        Liveness l = liveness.value();
        if (l == null) {
            return;
        }
        long deadline = rule.deadline(l);
        if (deadline > timestamp) {
            ctx.timerService().registerEventTimeTimer(deadline);
            timer.update(deadline);
            return;
        }
        String deviceId = ctx.getCurrentKey();
        if (book.isOpen(Alert.dedupKey(AlertType.DEVICE_OFFLINE, deviceId))) {
            // A late message moved the deadline while the outage was already raised: still the same outage.
            return;
        }
        book.raiseOrUpdate(OfflineAlerts.offline(deviceId, l, deadline, rule.settings())).ifPresent(out::collect);
    }
}
