package io.anju.jobs.detect.fire;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.jobs.detect.DeviceHarness;
import io.anju.jobs.input.ChargerEvent;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.PortReading;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A station applies one telemetry exactly as its single readings one after the other: each port's temperature, then
 * the smoke flag, then the leakage (smoke first makes leakage its evidence).
 */
class WholeTelemetryTest extends FireFixtures {

    @Test
    void theStationRaisesUpdatesAndClearsExactlyAsWithSingleReadings() throws Exception {
        try (DeviceHarness whole = stations(); DeviceHarness singles = stations()) {
            for (ChargerTelemetry t : heatingThenCooling()) {
                whole.charger(t);
                // The same readings one at a time, in the order a telemetry applies them: each port's temperature
                // (as an overtemp event carries one), then the smoke flag and the leakage (a telemetry without ports:
                // no event can say "no smoke").
                for (PortReading p : t.ports()) {
                    singles.chargerEvent(new ChargerEvent(t.deviceId(), t.ts(), t.location(), "overtemp", p.no(),
                            p.tempC(), null));
                }
                singles.charger(new ChargerTelemetry(t.deviceId(), t.ts(), t.location(), t.mainsV(), t.ambientC(),
                        t.smoke(), t.leakageMa(), List.of(), t.limits()));
                whole.watermark(t.ts() - 5_000);
                singles.watermark(t.ts() - 5_000);
            }

            List<Alert> alerts = whole.all();
            assertThat(alerts).extracting(Alert::type).contains(AlertType.FIRE_RISK);
            assertThat(alerts).extracting(Alert::status).contains(AlertStatus.CLEARED);
            assertThat(alerts).usingRecursiveFieldByFieldElementComparatorIgnoringFields("emittedAt")
                    .containsExactlyElementsOf(singles.all());
        }
    }

    /** Port 3 climbs past the fire thresholds with smoke and leakage, then everything is calm for 15 minutes. */
    private static List<ChargerTelemetry> heatingThenCooling() {
        List<ChargerTelemetry> out = new ArrayList<>();
        for (int i = 0; i <= 20; i++) {
            double port3 = 40 + 1.5 * i;
            out.add(telemetry(STATION, minutes(i * 0.5), i >= 14, i >= 16 ? 35 : 5, 38, 39, port3, 37));
        }
        for (int i = 1; i <= 30; i++) {
            out.add(telemetry(STATION, minutes(10 + i * 0.5), false, 5, 38, 39, 40, 37));
        }
        return out;
    }
}
