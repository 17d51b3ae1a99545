package io.anju.jobs.topology;

import io.anju.common.alert.Alert;
import io.anju.jobs.detect.DetectorSettings;
import io.anju.jobs.detect.charger.IllegalLoadDetector;
import io.anju.jobs.detect.charger.PortOverloadWithEventsDetector;
import io.anju.jobs.detect.charger.StationOverloadDetector;
import io.anju.jobs.detect.crowd.CrowdDensityDetector;
import io.anju.jobs.detect.fire.FireRiskDetector;
import io.anju.jobs.detect.fire.FireSignals;
import io.anju.jobs.detect.gate.GateAnomalyDetector;
import io.anju.jobs.detect.offline.OfflineDetector;
import io.anju.jobs.input.ChargerEvent;
import io.anju.jobs.input.ChargerTelemetry;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;

import java.util.ArrayList;
import java.util.List;

/** Wires every detector to its input stream and key; each returns its alerts. */
final class Detectors {
    private Detectors() {
    }

    static List<DataStream<Alert>> all(DeviceStreams devices, DetectorSettings d) {
        List<DataStream<Alert>> alerts = new ArrayList<>();
        KeyedStream<ChargerTelemetry, String> chargers = devices.chargerTelemetry().keyBy(ChargerTelemetry::deviceId);
        alerts.add(devices.chargerTelemetry().connect(devices.chargerEvents())
                .keyBy(ChargerTelemetry::deviceId, ChargerEvent::deviceId)
                .process(new PortOverloadWithEventsDetector(d.portOverload()))
                .uid("detect-port-overload").name("port overload"));
        alerts.add(chargers.process(new StationOverloadDetector(d.stationOverload()))
                .uid("detect-station-overload").name("station overload"));
        alerts.add(chargers.process(new IllegalLoadDetector(d.illegalLoad()))
                .uid("detect-illegal-load").name("illegal high-power load"));
        alerts.add(FireRiskDetector.alerts(FireSignals.of(devices.chargerTelemetry(), devices.chargerEvents(),
                devices.cameras(), d.elevator()), d.fireRisk(), d.elevator()));
        alerts.add(devices.seen().keyBy(OfflineDetector::key)
                .process(new OfflineDetector(d.offline())).uid("detect-offline").name("device offline"));
        alerts.add(devices.gateEvents().keyBy(GateAnomalyDetector::key)
                .process(new GateAnomalyDetector(d.gate())).uid("detect-gate").name("gate anomalies"));
        alerts.add(devices.crowd().keyBy(CrowdDensityDetector.keySelector())
                .process(new CrowdDensityDetector(d.crowd())).uid("detect-crowd").name("crowd density"));
        return alerts;
    }
}
