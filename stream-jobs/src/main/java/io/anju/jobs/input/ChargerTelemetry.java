package io.anju.jobs.input;

import io.anju.common.model.LocationChain;

import java.util.List;

/** A charger's periodic telemetry with the station's limits from the registry. */
public record ChargerTelemetry(String deviceId, long ts, LocationChain location, double mainsV, double ambientC,
                               boolean smoke, double leakageMa, List<PortReading> ports, ChargerLimits limits) {

    public double totalPowerW() {
        double sum = 0;
        for (PortReading p : ports) {
            sum += p.powerW();
        }
        return sum;
    }
}
