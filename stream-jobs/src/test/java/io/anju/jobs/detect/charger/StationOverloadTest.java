package io.anju.jobs.detect.charger;

import io.anju.common.alert.Alert;
import io.anju.jobs.alert.FactLines;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.jobs.detect.DetectorSettings;
import io.anju.jobs.detect.DeviceHarness;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.anju.jobs.detect.charger.ChargerScenario.DEVICE;
import static io.anju.jobs.detect.charger.ChargerScenario.LOCATION;
import static io.anju.jobs.detect.charger.ChargerScenario.at;
import static io.anju.jobs.detect.charger.ChargerScenario.stationDrawing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class StationOverloadTest {
    private DeviceHarness h;
    private int step;

    @BeforeEach
    void start() throws Exception {
        h = ChargerScenario.detectors(AlertType.STATION_OVERLOAD);
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    /** The next telemetry, 30 s after the previous one. */
    private List<Alert> total(double watts) throws Exception {
        return h.charger(stationDrawing(at(30.0 * step++), watts));
    }

    @Test
    void theRefuseLineIsYellowAndTheLimitRed() throws Exception {
        assertThat(total(7_799)).isEmpty();

        assertThat(total(7_800)).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.RAISED);
            assertThat(a.type()).isEqualTo(AlertType.STATION_OVERLOAD);
            assertThat(a.severity()).isEqualTo(Severity.YELLOW);
            assertThat(a.recommendedAction()).isEqualTo("check_station_load");
            assertThat(a.sourceKind()).isEqualTo(SourceKind.DEVICE);
            assertThat(a.sourceId()).isEqualTo(DEVICE);
            assertThat(a.port()).isNull();
            assertThat(a.location()).isEqualTo(LOCATION);
            assertThat(a.summary()).contains("7,800 W", "refuse line");
            assertThat(FactLines.of(a)).containsExactly("totalW 7800 W / 7800", "stationLimitW 8700 W");
            assertThat(a.evidence()).singleElement().satisfies(e -> {
                assertThat(e.signal()).isEqualTo("totalPowerW");
                assertThat(e.value()).isEqualTo(7_800.0, offset(0.01));
            });
        });
        assertThat(total(8_699)).isEmpty();
        assertThat(total(8_700)).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.UPDATED);
            assertThat(a.severity()).isEqualTo(Severity.RED);
            assertThat(a.recommendedAction()).isEqualTo("reduce_station_load");
        });
    }

    @Test
    void aStationFirstSeenPastTheLimitIsRedAtOnce() throws Exception {
        assertThat(total(9_200)).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.RAISED);
            assertThat(a.severity()).isEqualTo(Severity.RED);
        });
    }

    @Test
    void redStepsDownToYellowAndClearsOnlyPastTheHysteresis() throws Exception {
        Alert red = total(9_000).get(0);
        assertThat(total(8_266)).as("above 0.95 x 8,700 = 8,265 W: still red").isEmpty();

        assertThat(total(8_264)).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.UPDATED);
            assertThat(a.id()).isEqualTo(red.id());
            assertThat(a.severity()).isEqualTo(Severity.YELLOW);
            assertThat(a.recommendedAction()).isEqualTo("check_station_load");
        });
        assertThat(total(7_411)).as("above 0.95 x 7,800 = 7,410 W: still open").isEmpty();

        assertThat(total(7_409)).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.CLEARED);
            assertThat(a.id()).isEqualTo(red.id());
            assertThat(a.summary()).contains("95 %", "7,800 W");
        });
        assertThat(total(7_411)).as("below the refuse line: no new alert").isEmpty();

        Alert again = total(7_800).get(0);
        assertThat(again.status()).isEqualTo(AlertStatus.RAISED);
        assertThat(again.id()).isNotEqualTo(red.id());
    }

    @Test
    void simulatorStationOverloadIsOneRedEpisode() throws Exception {
        List<Alert> all = new ArrayList<>();
        all.addAll(total(3_100));
        for (int i = 0; i < 20; i++) {
            all.addAll(total(8_700 * 1.08 + (i % 3 - 1) * 15));
        }
        all.addAll(total(450));

        assertThat(all).extracting(Alert::status).containsOnlyOnce(AlertStatus.RAISED, AlertStatus.CLEARED);
        assertThat(all).allSatisfy(a -> assertThat(a.severity()).isEqualTo(Severity.RED));
        assertThat(all.get(all.size() - 1).status()).isEqualTo(AlertStatus.CLEARED);
    }

    @Test
    void aLateLowReadingDoesNotClearOrStepDown() throws Exception {
        step = 2;
        Alert red = total(9_000).get(0);

        assertThat(h.charger(stationDrawing(at(10), 1_000))).isEmpty();
        assertThat(h.charger(stationDrawing(at(60), 1_000))).as("same time as the newest").isEmpty();
        assertThat(h.all()).containsExactly(red);
        assertThat(total(9_000)).isEmpty();
    }

    @Test
    void aRestoredJobKeepsTheOpenAlert() throws Exception {
        Alert red = total(9_000).get(0);
        OperatorSubtaskState snapshot = h.snapshot(1, at(1));
        h.close();

        h = DeviceHarness.restored(DetectorSettings.defaults(), snapshot, AlertType.STATION_OVERLOAD);
        assertThat(total(9_100)).as("no second raise").isEmpty();
        assertThat(total(8_000)).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(red.id());
            assertThat(a.status()).isEqualTo(AlertStatus.UPDATED);
            assertThat(a.severity()).isEqualTo(Severity.YELLOW);
        });
    }

    @Test
    void hysteresisFollowsTheSetting() throws Exception {
        h.close();
        h = DeviceHarness.open(ChargerScenario.withStationOverload(new StationOverloadSettings(0.8)),
                AlertType.STATION_OVERLOAD);
        total(7_800);

        assertThat(total(6_300)).as("above 0.8 x 7,800 = 6,240 W").isEmpty();
        assertThat(total(6_200)).extracting(Alert::status).containsExactly(AlertStatus.CLEARED);
    }
}
