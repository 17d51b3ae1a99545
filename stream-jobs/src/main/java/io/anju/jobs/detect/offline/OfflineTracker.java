package io.anju.jobs.detect.offline;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertType;
import io.anju.jobs.alert.AlertBook;
import io.anju.jobs.alert.OpenAlert;
import io.anju.jobs.input.DeviceSeen;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * Device offline: no message of the current device for {@link OfflineSettings#timeout} of event time raises
 * DEVICE_OFFLINE (yellow, {@code check_device}); its next live message clears it with the downtime. Every message of
 * the device counts ({@link DeviceSeen}). Part of the per-device detectors.
 * <p>
 * One event-time timer per device sits at last-seen + timeout. The job's watermarks advance with the wall clock on a
 * quiet stream, so the timer fires when the whole stream is silent too. An offline status (the Will) does not raise
 * by itself, as the device may reconnect within its back-off; it goes into the evidence. A device never seen since
 * the job's state began cannot be missed by this detector.
 */
public final class OfflineTracker {
    private final OfflineRule rule;
    private final ValueState<Liveness> liveness;
    /** The one pending timer of the device; it is not moved per message but re-armed when it fires early. */
    private final ValueState<Long> timer;
    private final AlertBook book;
    private final Counter staleReadings;

    private OfflineTracker(OfflineRule rule, ValueState<Liveness> liveness, ValueState<Long> timer, AlertBook book,
                           Counter staleReadings) {
        this.rule = rule;
        this.liveness = liveness;
        this.timer = timer;
        this.book = book;
        this.staleReadings = staleReadings;
    }

    /** @param staleReadings counts live messages older than the newest one seen */
    public static OfflineTracker open(RuntimeContext ctx, OfflineSettings settings, Counter staleReadings) {
        return new OfflineTracker(new OfflineRule(settings),
                ctx.getState(new ValueStateDescriptor<>("offline.liveness", Liveness.class)),
                ctx.getState(new ValueStateDescriptor<>("offline.timer", Long.class)),
                new AlertBook(ctx.getMapState(AlertBook.descriptor("offline.alerts"))), staleReadings);
    }

    public void onSeen(DeviceSeen m, TimerService timers, Collector<Alert> out) throws Exception {
        Liveness current = liveness.value();
        Liveness next = rule.observe(current, m);
        if (next == null) {
            staleReadings.inc();
            return;
        }
        String deviceId = m.deviceId();
        String key = Alert.dedupKey(AlertType.DEVICE_OFFLINE, deviceId);
        Optional<OpenAlert> open = book.anyOpen() ? book.get(key) : Optional.empty();
        if (current != null && open.isPresent() && OfflineRule.endsOutage(m, open.get().firstEventTs())) {
            book.clear(key, m.ts(), OfflineAlerts.backOnline(deviceId, current, m.ts()),
                    OfflineAlerts.backOnlineEvidence(deviceId, current, m.ts())).ifPresent(out::collect);
        }
        liveness.update(next);
        // Moving a timer on every message costs a delete and an insert in the timer queue; a device reports every
        // few seconds, so instead the one pending timer is re-armed when it fires before the current deadline. Timers
        // are never deleted: the device's other detectors may have one at the same instant.
        long deadline = rule.deadline(next);
        Long pending = timer.value();
        if (pending == null || deadline < pending) {
            timers.registerEventTimeTimer(deadline);
            timer.update(deadline);
        }
    }

    /** A timer of the device fired; only the pending one of this tracker means anything here. */
    /**
     * @param inService whether the registry still expects the device to report; asked only when an outage would be
     *                  raised. A device that left service (disabled or removed) is silent as expected: its watch ends,
     *                  and a reading after it returns starts it again.
     */
    public void onTimer(String deviceId, long timestamp, TimerService timers, Collector<Alert> out,
                        Predicate<String> inService) throws Exception {
        Long pending = timer.value();
        if (pending == null || pending != timestamp) {
            return;
        }
        timer.clear();
        Liveness l = liveness.value();
        if (l == null) {
            return;
        }
        long deadline = rule.deadline(l);
        if (deadline > timestamp) {
            timers.registerEventTimeTimer(deadline);
            timer.update(deadline);
            return;
        }
        if (book.isOpen(Alert.dedupKey(AlertType.DEVICE_OFFLINE, deviceId))) {
            // A late message moved the deadline while the outage was already raised: still the same outage.
            return;
        }
        if (!inService.test(deviceId)) {
            liveness.clear();
            return;
        }
        book.raiseOrUpdate(OfflineAlerts.offline(deviceId, l, deadline, rule.settings())).ifPresent(out::collect);
    }
}
