package io.anju.jobs.detect;

import io.anju.jobs.command.StopConfirmSettings;
import io.anju.jobs.command.cap.StopCapSettings;
import io.anju.jobs.detect.charger.IllegalLoadSettings;
import io.anju.jobs.detect.charger.PortOverloadSettings;
import io.anju.jobs.detect.charger.StationOverloadSettings;
import io.anju.jobs.detect.crowd.CrowdSettings;
import io.anju.jobs.detect.fire.ElevatorSettings;
import io.anju.jobs.detect.fire.FireRiskSettings;
import io.anju.jobs.detect.gate.GateSettings;
import io.anju.jobs.detect.offline.OfflineSettings;

import java.io.Serializable;

/** The thresholds of every detector, each record with the documented defaults (docs/detectors.md). */
public record DetectorSettings(PortOverloadSettings portOverload, StationOverloadSettings stationOverload,
                               IllegalLoadSettings illegalLoad, FireRiskSettings fireRisk, ElevatorSettings elevator,
                               CrowdSettings crowd, OfflineSettings offline, GateSettings gate,
                               StopConfirmSettings stopConfirm, StopCapSettings stopCap)
        implements Serializable {

    public static DetectorSettings defaults() {
        return new DetectorSettings(PortOverloadSettings.defaults(), StationOverloadSettings.defaults(),
                IllegalLoadSettings.defaults(), FireRiskSettings.defaults(), ElevatorSettings.defaults(),
                CrowdSettings.defaults(), OfflineSettings.defaults(), GateSettings.defaults(),
                StopConfirmSettings.defaults(), StopCapSettings.defaults());
    }

    public DetectorSettings withOffline(OfflineSettings value) {
        return new DetectorSettings(portOverload, stationOverload, illegalLoad, fireRisk, elevator, crowd, value, gate,
                stopConfirm, stopCap);
    }

    public DetectorSettings withStopConfirm(StopConfirmSettings value) {
        return new DetectorSettings(portOverload, stationOverload, illegalLoad, fireRisk, elevator, crowd, offline, gate,
                value, stopCap);
    }

    public DetectorSettings withStopCap(StopCapSettings value) {
        return new DetectorSettings(portOverload, stationOverload, illegalLoad, fireRisk, elevator, crowd, offline, gate,
                stopConfirm, value);
    }
}
