package io.anju.jobs.detect.fire;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertType;
import io.anju.jobs.detect.DetectorSettings;
import io.anju.jobs.detect.DeviceHarness;
import io.anju.jobs.input.ChargerEvent;
import io.anju.jobs.input.ChargerTelemetry;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;

import java.util.ArrayList;
import java.util.List;

/**
 * Both fire stages wired as the job wires them: the compound's stage ({@link CompoundHarness}) and the per-device
 * detectors ({@link DeviceHarness}), every {@link Escalation} of the first fed into the second's broadcast input as
 * soon as it is sent. {@link #all()} is every fire alert of both, in the order they were emitted.
 */
final class FireStages implements AutoCloseable {
    static final AlertType[] STATION_TYPES = {AlertType.FIRE_RISK, AlertType.LEAKAGE_FAULT};

    private final CompoundHarness compound;
    private final DeviceHarness stations;
    private final List<Alert> all = new ArrayList<>();

    private FireStages(CompoundHarness compound, DeviceHarness stations) {
        this.compound = compound;
        this.stations = stations;
    }

    static FireStages open() throws Exception {
        return new FireStages(CompoundHarness.open(), DeviceHarness.open(DetectorSettings.defaults(), STATION_TYPES));
    }

    /** Both stages started from their snapshots, as after a job restore. */
    static FireStages restored(Snapshot snapshot) throws Exception {
        return new FireStages(CompoundHarness.restored(snapshot.compound()),
                DeviceHarness.restored(DetectorSettings.defaults(), snapshot.stations(), STATION_TYPES));
    }

    List<Alert> charger(ChargerTelemetry t) throws Exception {
        return kept(stations.charger(t));
    }

    List<Alert> chargerEvent(ChargerEvent e) throws Exception {
        return kept(stations.chargerEvent(e));
    }

    /** A camera signal for the compound; the escalation it causes reaches the stations at once. */
    List<Alert> compound(FireSignal s) throws Exception {
        List<Alert> out = new ArrayList<>(compound.signal(s));
        out.addAll(forwardEscalations());
        return kept(out);
    }

    /**
     * Event time moves on: the compound's timers first, then the escalations they sent, then the stations' timers (in
     * the job the stations' operator waits for the broadcast input's watermark, which follows the escalations).
     */
    List<Alert> watermark(long ts) throws Exception {
        List<Alert> out = new ArrayList<>(compound.watermark(ts));
        out.addAll(forwardEscalations());
        out.addAll(stations.watermark(ts));
        return kept(out);
    }

    List<Alert> all() {
        return List.copyOf(all);
    }

    Snapshot snapshot(long checkpointId, long timestamp) throws Exception {
        return new Snapshot(compound.snapshot(checkpointId, timestamp), stations.snapshot(checkpointId, timestamp));
    }

    private List<Alert> forwardEscalations() throws Exception {
        List<Alert> out = new ArrayList<>();
        for (Escalation e : compound.newEscalations()) {
            out.addAll(stations.escalate(e));
        }
        return out;
    }

    private List<Alert> kept(List<Alert> alerts) {
        all.addAll(alerts);
        return alerts;
    }

    record Snapshot(OperatorSubtaskState compound, OperatorSubtaskState stations) {
    }

    @Override
    public void close() throws Exception {
        compound.close();
        stations.close();
    }
}
