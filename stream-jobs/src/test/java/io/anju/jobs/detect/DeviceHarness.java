package io.anju.jobs.detect;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertType;
import io.anju.common.command.DeviceCommand;
import io.anju.common.model.DeviceType;
import io.anju.jobs.command.AutoStopPolicy;
import io.anju.jobs.command.StopEvent;
import io.anju.jobs.command.StopOutcome;
import io.anju.jobs.detect.fire.Escalation;
import io.anju.jobs.input.CaseCommand;
import io.anju.jobs.input.ChargerEvent;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.DeviceInput;
import io.anju.jobs.input.DeviceSeen;
import io.anju.jobs.input.GateEvent;
import io.anju.jobs.input.StopDelivery;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-device detectors ({@link DeviceDetectors}) in Flink's operator test harness, with what a detector's tests
 * need: feed a device's inputs and get the alerts they caused (only the alert types the test is about, so a port
 * overload test is not disturbed by the same charger's offline timer), move the watermark, send the compound's
 * escalations, look at one part's keyed state, snapshot and restore. What the detectors say about automatic stops
 * ({@link DeviceDetectors#STOPS}) is read as the compound's cap would send it on when it holds nothing: the commands,
 * the outcomes, and the {@code stop_unconfirmed} alerts among the alerts.
 */
public final class DeviceHarness implements AutoCloseable {
    private final KeyedBroadcastOperatorTestHarness<String, DeviceInput, Escalation, Alert> h;
    private final Set<AlertType> observed;
    private int read;
    private int stopAlertsRead;
    private int commandsRead;
    private int outcomesRead;

    private DeviceHarness(KeyedBroadcastOperatorTestHarness<String, DeviceInput, Escalation, Alert> h,
                          Set<AlertType> observed) {
        this.h = h;
        this.observed = observed;
    }

    /** Fresh detectors with {@code settings}; the alerts of {@code observed} types are returned (all when none). */
    public static DeviceHarness open(DetectorSettings settings, AlertType... observed) throws Exception {
        return restored(settings, AutoStopPolicy.defaults(), null, observed);
    }

    /** Detectors that start from {@code snapshot} (fresh ones when null), as after a job restore. */
    public static DeviceHarness restored(DetectorSettings settings, OperatorSubtaskState snapshot,
                                         AlertType... observed) throws Exception {
        return restored(settings, AutoStopPolicy.defaults(), snapshot, observed);
    }

    public static DeviceHarness restored(DetectorSettings settings, AutoStopPolicy autoStop,
                                         OperatorSubtaskState snapshot, AlertType... observed) throws Exception {
        DeviceDetectors fn = new DeviceDetectors(settings, autoStop, Duration.ofMinutes(5), null);
        var h = new KeyedBroadcastOperatorTestHarness<String, DeviceInput, Escalation, Alert>(
                new CoBroadcastWithKeyedOperator<>(fn, List.of(DeviceDetectors.ESCALATIONS)),
                in -> in.seen().deviceId(), Types.STRING, 1, 1, 0);
        h.setup();
        if (snapshot != null) {
            h.initializeState(snapshot);
        }
        h.open();
        Set<AlertType> types = observed.length == 0 ? EnumSet.allOf(AlertType.class)
                : EnumSet.copyOf(List.of(observed));
        return new DeviceHarness(h, types);
    }

    /** Feeds one input at its event time and returns the observed alerts it caused. */
    public List<Alert> feed(DeviceInput in) throws Exception {
        h.processElement(in, in.seen().ts());
        return newAlerts();
    }

    public List<Alert> charger(ChargerTelemetry t) throws Exception {
        return feed(new DeviceInput.Charger(seen(t.deviceId(), DeviceType.CHARGER, t.ts(), t), t));
    }

    public List<Alert> chargerEvent(ChargerEvent e) throws Exception {
        return feed(new DeviceInput.ChargerEvt(new DeviceSeen(e.deviceId(), DeviceType.CHARGER, e.ts(), e.location(),
                false), e));
    }

    public List<Alert> gate(GateEvent e) throws Exception {
        return feed(new DeviceInput.Gate(new DeviceSeen(e.deviceId(), DeviceType.GATE, e.ts(), e.location(), false), e));
    }

    /** A person's command for a case, as read from {@code anju.commands}; returns the observed alerts it caused. */
    public List<Alert> caseCommand(CaseCommand c) throws Exception {
        return feed(DeviceInput.Command.of(c));
    }

    /**
     * A gateway's report that it delivered {@code commandId} to {@code deviceId} at {@code at} on its receive clock
     * (the harness's readings are received at their own time); returns the observed alerts it caused.
     */
    public List<Alert> delivered(String deviceId, String commandId, long at) throws Exception {
        return feed(DeviceInput.Delivered.of(new StopDelivery(deviceId, commandId, "gw-1", at)));
    }

    /** Any message that only tells the device is alive (or, for an offline status, going away). */
    public List<Alert> seen(DeviceSeen s) throws Exception {
        return feed(new DeviceInput.Status(s));
    }

    /** Moves event time on both inputs to {@code ts}; returns the observed alerts the timers raised. */
    public List<Alert> watermark(long ts) throws Exception {
        h.processWatermark(ts);
        h.processBroadcastWatermark(ts);
        return newAlerts();
    }

    /** The compound's escalation began, changed or ended; returns the observed alerts that caused. */
    public List<Alert> escalate(Escalation e) throws Exception {
        h.processBroadcastElement(e, e.ts());
        return newAlerts();
    }

    /** Every observed alert so far: the detectors' own, then the {@code stop_unconfirmed} ones, each in order. */
    public List<Alert> all() {
        List<Alert> all = new ArrayList<>(h.extractOutputValues());
        all.addAll(stopAlerts());
        return all.stream().filter(a -> observed.contains(a.type())).toList();
    }

    /** Everything said about automatic stops so far, in order. */
    public List<StopEvent> stops() {
        List<StopEvent> all = new ArrayList<>();
        var queue = h.getSideOutput(DeviceDetectors.STOPS);
        if (queue != null) {
            for (StreamRecord<StopEvent> r : queue) {
                all.add(r.getValue());
            }
        }
        return all;
    }

    /** The automatic {@code stop_port} commands asked for (first stops and retries) since the last call. */
    public List<DeviceCommand> newCommands() {
        List<DeviceCommand> all = stops().stream()
                .filter(e -> e.kind() == StopEvent.Kind.REQUEST || e.kind() == StopEvent.Kind.RETRY)
                .map(StopEvent::command).toList();
        List<DeviceCommand> fresh = new ArrayList<>(all.subList(commandsRead, all.size()));
        commandsRead = all.size();
        return fresh;
    }

    /** The stop confirmations, retries and give-ups told since the last call. */
    public List<StopOutcome> newOutcomes() {
        List<StopOutcome> all = stops().stream().filter(e -> e.kind() == StopEvent.Kind.OUTCOME)
                .map(StopEvent::outcome).toList();
        List<StopOutcome> fresh = new ArrayList<>(all.subList(outcomesRead, all.size()));
        outcomesRead = all.size();
        return fresh;
    }

    private List<Alert> stopAlerts() {
        return stops().stream().filter(e -> e.kind() == StopEvent.Kind.UNCONFIRMED).map(StopEvent::alert).toList();
    }

    public OperatorSubtaskState snapshot(long checkpointId, long timestamp) throws Exception {
        return h.snapshot(checkpointId, timestamp);
    }

    /** Event-time timers pending, over every part and key. */
    public int eventTimeTimers() {
        return h.numEventTimeTimers();
    }

    /** The entries of one part's map state of {@code key} (0 when it has none). */
    public <K, V> int mapEntries(String key, MapStateDescriptor<K, V> descriptor) throws Exception {
        return map(key, descriptor).size();
    }

    /** A copy of one part's map state of {@code key} (empty when it has none). */
    public <K, V> Map<K, V> map(String key, MapStateDescriptor<K, V> descriptor) throws Exception {
        MapState<K, V> state = state(key, descriptor);
        Map<K, V> copy = new LinkedHashMap<>();
        // The backend's own state (not the user-facing wrapper) answers null for a key without a map.
        Iterable<Map.Entry<K, V>> entries = state.entries();
        if (entries != null) {
            for (Map.Entry<K, V> e : entries) {
                copy.put(e.getKey(), e.getValue());
            }
        }
        return copy;
    }

    /** The elements of one part's list state of {@code key} (0 when it has none). */
    public <V> int listEntries(String key, ListStateDescriptor<V> descriptor) throws Exception {
        ListState<V> state = state(key, descriptor);
        Iterable<V> stored = state.get();
        int n = 0;
        if (stored != null) {
            for (V ignored : stored) {
                n++;
            }
        }
        return n;
    }

    /** One part's value state of {@code key}, null when it holds none. */
    public <V> V value(String key, ValueStateDescriptor<V> descriptor) throws Exception {
        ValueState<V> state = state(key, descriptor);
        return state.value();
    }

    private <S extends State, V> S state(String key, StateDescriptor<S, V> descriptor) throws Exception {
        KeyedStateBackend<String> backend = h.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(key);
        return backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor);
    }

    private List<Alert> newAlerts() {
        List<Alert> all = h.extractOutputValues();
        List<Alert> fresh = new ArrayList<>(all.subList(read, all.size()));
        read = all.size();
        List<Alert> fromStops = stopAlerts();
        fresh.addAll(fromStops.subList(stopAlertsRead, fromStops.size()));
        stopAlertsRead = fromStops.size();
        return new ArrayList<>(fresh.stream().filter(a -> observed.contains(a.type())).toList());
    }

    private static DeviceSeen seen(String deviceId, DeviceType type, long ts, ChargerTelemetry t) {
        return new DeviceSeen(deviceId, type, ts, t.location(), false);
    }

    @Override
    public void close() throws Exception {
        h.close();
    }
}
