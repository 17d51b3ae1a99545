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
import java.util.function.IntToDoubleFunction;

import static io.anju.jobs.detect.charger.ChargerScenario.DEVICE;
import static io.anju.jobs.detect.charger.ChargerScenario.ILLEGAL_LOAD_ALERTS;
import static io.anju.jobs.detect.charger.ChargerScenario.ILLEGAL_LOAD_RUNS;
import static io.anju.jobs.detect.charger.ChargerScenario.LOCATION;
import static io.anju.jobs.detect.charger.ChargerScenario.at;
import static io.anju.jobs.detect.charger.ChargerScenario.charging;
import static io.anju.jobs.detect.charger.ChargerScenario.idle;
import static io.anju.jobs.detect.charger.ChargerScenario.minutes;
import static io.anju.jobs.detect.charger.ChargerScenario.telemetry;
import static org.assertj.core.api.Assertions.assertThat;

class IllegalLoadTest {
    /** Small deterministic noise, as a real heater shows. */
    private static final double[] NOISE = {2, -3, 1, 4, -1, -4, 3, 0, -2, 2};

    private DeviceHarness h;

    @BeforeEach
    void start() throws Exception {
        h = ChargerScenario.detectors(AlertType.ILLEGAL_HIGH_POWER_LOAD);
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    private List<Alert> port5(long ts, double watts) throws Exception {
        return h.charger(telemetry(ts, charging(2, 250), charging(5, watts)));
    }

    /** Port 5 every 30 s from the beginning for {@code readings} readings, drawing {@code wattsAt(i)}. */
    private List<Alert> run(int readings, IntToDoubleFunction wattsAt) throws Exception {
        List<Alert> all = new ArrayList<>();
        for (int i = 0; i < readings; i++) {
            all.addAll(port5(at(30.0 * i), wattsAt.applyAsDouble(i)));
        }
        return all;
    }

    @Test
    void aFlatNineHundredWattsForTwentyMinutesIsOrange() throws Exception {
        assertThat(run(40, i -> 900 + NOISE[i % NOISE.length])).as("up to 19.5 min").isEmpty();

        List<Alert> raised = port5(minutes(20), 901);

        assertThat(raised).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.RAISED);
            assertThat(a.type()).isEqualTo(AlertType.ILLEGAL_HIGH_POWER_LOAD);
            assertThat(a.severity()).isEqualTo(Severity.ORANGE);
            assertThat(a.recommendedAction()).isEqualTo("inspect_port");
            assertThat(a.sourceKind()).isEqualTo(SourceKind.PORT);
            assertThat(a.sourceId()).isEqualTo(DEVICE + "#5");
            assertThat(a.port()).isEqualTo(5);
            assertThat(a.location()).isEqualTo(LOCATION);
            assertThat(a.summary()).contains("Port 5", "902 W", "896 W to 904 W", "20 min");
            assertThat(FactLines.of(a)).containsExactly("powerW 902 W / 800", "minW 896 W", "maxW 904 W",
                    "durationS 1200 s / 1200");
            assertThat(a.evidence()).extracting(e -> e.signal() + "@" + e.ts())
                    .containsExactly("powerW@" + at(0), "powerW@" + minutes(20), "currentA@" + minutes(20));
        });
    }

    @Test
    void exactlyEightHundredWattsCountsAndJustBelowDoesNot() throws Exception {
        assertThat(run(41, i -> 799.9)).isEmpty();
        h.close();
        h = ChargerScenario.detectors(AlertType.ILLEGAL_HIGH_POWER_LOAD);

        assertThat(run(41, i -> 800)).extracting(Alert::status).containsExactly(AlertStatus.RAISED);
    }

    @Test
    void nineteenMinutesFlatThenUnpluggedIsNothing() throws Exception {
        List<Alert> all = run(39, i -> 900 + NOISE[i % NOISE.length]);
        all.addAll(h.charger(telemetry(minutes(19.5), idle(5))));

        assertThat(all).isEmpty();
        assertThat(h.mapEntries(DEVICE, ILLEGAL_LOAD_RUNS)).as("no run left behind").isZero();
        assertThat(h.mapEntries(DEVICE, ILLEGAL_LOAD_ALERTS)).isZero();
    }

    @Test
    void aTaperingDrawNeverTriggers() throws Exception {
        assertThat(run(61, i -> 900 - 10 * i)).as("900 W down to 300 W over 30 min").isEmpty();
    }

    @Test
    void aSlowTaperThatStaysAboveEightHundredWattsIsNotFlat() throws Exception {
        assertThat(run(61, i -> 1_000 - 3 * i)).as("1,000 W down to 820 W over 30 min").isEmpty();
    }

    @Test
    void aNormalEbikeChargeNeverTriggers() throws Exception {
        assertThat(run(240, i -> 380 - i)).isEmpty();
    }

    @Test
    void aTenMinutePortOverloadIsNotAnIllegalLoad() throws Exception {
        List<Alert> all = run(21, i -> 1_120 + NOISE[i % NOISE.length]);
        all.addAll(h.charger(telemetry(minutes(10.5), idle(5))));

        assertThat(all).isEmpty();
    }

    @Test
    void clearsWhenThePortDropsBelowEightHundredWattsOnlyThen() throws Exception {
        run(41, i -> 950);
        assertThat(port5(minutes(20.5), 1_150)).as("a jump while still high keeps it open").isEmpty();
        assertThat(port5(minutes(21), 820)).isEmpty();

        assertThat(port5(minutes(21.5), 120)).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.CLEARED);
            assertThat(a.summary()).contains("120 W", "below 800 W");
        });
        assertThat(h.mapEntries(DEVICE, ILLEGAL_LOAD_RUNS)).as("no run left behind").isZero();
        assertThat(h.mapEntries(DEVICE, ILLEGAL_LOAD_ALERTS)).as("the cleared alert left the book").isZero();
    }

    @Test
    void aLateLowReadingNeitherRestartsNorClears() throws Exception {
        run(30, i -> 900);
        assertThat(port5(at(30 * 12 + 10), 100)).as("late, from minute 6").isEmpty();
        run(41, i -> 900);

        assertThat(h.all()).extracting(Alert::status).containsExactly(AlertStatus.RAISED);
        assertThat(port5(minutes(12), 0)).as("stale: older than minute 20").isEmpty();
    }

    @Test
    void aRestoredJobKeepsTheRunAndTheEpisode() throws Exception {
        run(30, i -> 900);
        OperatorSubtaskState halfway = h.snapshot(1, at(1));
        h.close();
        h = DeviceHarness.restored(DetectorSettings.defaults(), halfway, AlertType.ILLEGAL_HIGH_POWER_LOAD);

        List<Alert> raised = new ArrayList<>();
        for (int i = 30; i <= 40; i++) {
            raised.addAll(port5(at(30.0 * i), 900));
        }
        assertThat(raised).as("the run started before the restore").extracting(Alert::firstEventTs)
                .containsExactly(minutes(20));
        OperatorSubtaskState open = h.snapshot(2, at(2));
        h.close();
        h = DeviceHarness.restored(DetectorSettings.defaults(), open, AlertType.ILLEGAL_HIGH_POWER_LOAD);

        assertThat(port5(minutes(21), 900)).as("no second raise").isEmpty();
        assertThat(port5(minutes(22), 0)).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.CLEARED);
            assertThat(a.id()).isEqualTo(raised.get(0).id());
        });
    }
}
