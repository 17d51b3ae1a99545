package io.anju.jobs.detect;

import io.anju.common.config.ConfigValues;
import io.anju.common.config.Setting;
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
import java.util.List;
import java.util.stream.Stream;

/**
 * The thresholds of every detector, each record with the documented defaults (docs/detectors.md), built from the
 * settings of {@link #SETTINGS} (the automatic stop's confirmation and cap first, then each detector's).
 */
public record DetectorSettings(PortOverloadSettings portOverload, StationOverloadSettings stationOverload,
                               IllegalLoadSettings illegalLoad, FireRiskSettings fireRisk, ElevatorSettings elevator,
                               CrowdSettings crowd, OfflineSettings offline, GateSettings gate,
                               StopConfirmSettings stopConfirm, StopCapSettings stopCap)
        implements Serializable {

    public static final List<Setting> SETTINGS = Stream.of(StopConfirmSettings.SETTINGS, StopCapSettings.SETTINGS,
                    PortOverloadSettings.SETTINGS, StationOverloadSettings.SETTINGS, IllegalLoadSettings.SETTINGS,
                    FireRiskSettings.SETTINGS, ElevatorSettings.SETTINGS, CrowdSettings.SETTINGS,
                    OfflineSettings.SETTINGS, GateSettings.SETTINGS)
            .flatMap(List::stream).toList();

    /** Every record from the loaded values; a rule between two values fails naming the setting. */
    public static DetectorSettings from(ConfigValues v) {
        return new DetectorSettings(PortOverloadSettings.from(v), StationOverloadSettings.from(v),
                IllegalLoadSettings.from(v), FireRiskSettings.from(v), ElevatorSettings.from(v), CrowdSettings.from(v),
                OfflineSettings.from(v), GateSettings.from(v), StopConfirmSettings.from(v), StopCapSettings.from(v));
    }

    public static DetectorSettings defaults() {
        return from(ConfigValues.defaults(SETTINGS));
    }

    public DetectorSettings withOffline(OfflineSettings value) {
        return new DetectorSettings(portOverload, stationOverload, illegalLoad, fireRisk, elevator, crowd, value, gate,
                stopConfirm, stopCap);
    }

    public DetectorSettings withStopConfirm(StopConfirmSettings value) {
        return new DetectorSettings(portOverload, stationOverload, illegalLoad, fireRisk, elevator, crowd, offline, gate,
                value, stopCap);
    }
}
