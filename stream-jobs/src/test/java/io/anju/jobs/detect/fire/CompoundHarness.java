package io.anju.jobs.detect.fire;

import io.anju.common.alert.Alert;
import io.anju.jobs.input.CameraDetection;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

import java.util.ArrayList;
import java.util.List;

/**
 * The compound's fire stage ({@link CompoundFireDetector}, keyed by compound) in Flink's operator test harness: feed
 * camera signals, move the watermark, and read the alerts and the {@link Escalation}s they caused.
 */
final class CompoundHarness implements AutoCloseable {
    private final KeyedOneInputStreamOperatorTestHarness<String, FireSignal, Alert> h;
    private int read;
    private int escalationsRead;

    private CompoundHarness(KeyedOneInputStreamOperatorTestHarness<String, FireSignal, Alert> h) {
        this.h = h;
    }

    static CompoundHarness open() throws Exception {
        return new CompoundHarness(ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new CompoundFireDetector(FireRiskSettings.defaults(), ElevatorSettings.defaults()),
                FireSignal::compoundId, Types.STRING));
    }

    /** The stage started from {@code snapshot}, as after a job restore. */
    static CompoundHarness restored(OperatorSubtaskState snapshot) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
                new CompoundFireDetector(FireRiskSettings.defaults(), ElevatorSettings.defaults())),
                FireSignal::compoundId, Types.STRING);
        h.setup();
        h.initializeState(snapshot);
        h.open();
        return new CompoundHarness(h);
    }

    /** Feeds the signals at their event time; returns the alerts they caused. */
    List<Alert> signals(List<FireSignal> signals) throws Exception {
        for (FireSignal s : signals) {
            h.processElement(s, s.ts());
        }
        return newAlerts();
    }

    List<Alert> signal(FireSignal s) throws Exception {
        return signals(List.of(s));
    }

    /** One camera detection as the job maps it ({@link FireSignals#fromCamera}). */
    List<Alert> camera(CameraDetection d) throws Exception {
        return signals(FireSignals.fromCamera(d));
    }

    List<Alert> watermark(long ts) throws Exception {
        h.processWatermark(ts);
        return newAlerts();
    }

    /** The escalations sent since the last call. */
    List<Escalation> newEscalations() {
        List<Escalation> all = new ArrayList<>();
        var queue = h.getSideOutput(CompoundFireDetector.ESCALATIONS);
        if (queue != null) {
            for (StreamRecord<Escalation> r : queue) {
                all.add(r.getValue());
            }
        }
        List<Escalation> fresh = new ArrayList<>(all.subList(escalationsRead, all.size()));
        escalationsRead = all.size();
        return fresh;
    }

    List<Alert> all() {
        return h.extractOutputValues();
    }

    int keyedStateEntries() {
        return h.numKeyedStateEntries();
    }

    OperatorSubtaskState snapshot(long checkpointId, long timestamp) throws Exception {
        return h.snapshot(checkpointId, timestamp);
    }

    private List<Alert> newAlerts() {
        List<Alert> all = h.extractOutputValues();
        List<Alert> fresh = new ArrayList<>(all.subList(read, all.size()));
        read = all.size();
        return fresh;
    }

    @Override
    public void close() throws Exception {
        h.close();
    }
}
