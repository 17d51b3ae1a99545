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
import static io.anju.jobs.detect.charger.ChargerScenario.NEWEST_READING;
import static io.anju.jobs.detect.charger.ChargerScenario.PORT_OVERLOAD_ALERTS;
import static io.anju.jobs.detect.charger.ChargerScenario.PORT_OVERLOAD_RUNS;
import static io.anju.jobs.detect.charger.ChargerScenario.at;
import static io.anju.jobs.detect.charger.ChargerScenario.charging;
import static io.anju.jobs.detect.charger.ChargerScenario.idle;
import static io.anju.jobs.detect.charger.ChargerScenario.minutes;
import static io.anju.jobs.detect.charger.ChargerScenario.telemetry;
import static org.assertj.core.api.Assertions.assertThat;

/** Port overload as a part of the per-device detectors: telemetry alone (events: {@link PortOverloadEventsTest}). */
class PortOverloadTest {
    private DeviceHarness h;

    @BeforeEach
    void start() throws Exception {
        h = ChargerScenario.detectors(AlertType.PORT_OVERLOAD);
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    private List<Alert> port3(double seconds, double watts) throws Exception {
        return h.charger(telemetry(at(seconds), charging(1, 200), charging(3, watts)));
    }

    @Test
    void aPortAtOrJustBelowItsLimitNeverAlerts() throws Exception {
        for (int s = 0; s <= 120; s += 10) {
            assertThat(port3(s, s % 20 == 0 ? 1_000 : 999)).isEmpty();
        }
    }

    @Test
    void justAboveTheLimitIsOrangeAtFiveSecondsNotBefore() throws Exception {
        assertThat(port3(0, 1_001)).isEmpty();
        assertThat(port3(4.9, 1_001)).isEmpty();

        List<Alert> raised = port3(5, 1_001);

        assertThat(raised).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.RAISED);
            assertThat(a.type()).isEqualTo(AlertType.PORT_OVERLOAD);
            assertThat(a.severity()).isEqualTo(Severity.ORANGE);
            assertThat(a.recommendedAction()).isEqualTo("inspect_port");
            assertThat(a.sourceKind()).isEqualTo(SourceKind.PORT);
            assertThat(a.sourceId()).isEqualTo(DEVICE + "#3");
            assertThat(a.dedupKey()).isEqualTo("port_overload:" + DEVICE + "#3");
            assertThat(a.deviceId()).isEqualTo(DEVICE);
            assertThat(a.port()).isEqualTo(3);
            assertThat(a.location()).isEqualTo(LOCATION);
            assertThat(a.firstEventTs()).isEqualTo(at(5));
            assertThat(a.summary()).contains("Port 3", "1,001 W", "1,000 W limit", "5 s");
            assertThat(FactLines.of(a)).containsExactly("powerW 1001 W / 1000", "overForS 5 s");
            assertThat(a.evidence()).extracting(e -> e.signal() + "@" + e.ts())
                    .containsExactly("powerW@" + at(0), "powerW@" + at(5), "currentA@" + at(5));
        });
    }

    @Test
    void orangeEscalatesToRedAtThirtySecondsInTheSameEpisode() throws Exception {
        port3(0, 1_050);
        Alert orange = port3(5, 1_050).get(0);
        assertThat(port3(29, 1_050)).as("still orange: nothing new to tell").isEmpty();

        List<Alert> red = port3(30, 1_050);

        assertThat(red).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.UPDATED);
            assertThat(a.id()).isEqualTo(orange.id());
            assertThat(a.severity()).isEqualTo(Severity.RED);
            assertThat(a.recommendedAction()).isEqualTo("stop_port");
            assertThat(a.revision()).isEqualTo(2);
        });
        assertThat(port3(60, 1_050)).isEmpty();
    }

    @Test
    void twentyPercentOverIsRedAtOnceAndDoesNotStepDownWithinTheRun() throws Exception {
        assertThat(port3(0, 1_199)).isEmpty();
        port3(1, 500);

        List<Alert> red = port3(2, 1_200);
        assertThat(red).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.RAISED);
            assertThat(a.severity()).isEqualTo(Severity.RED);
            assertThat(a.recommendedAction()).isEqualTo("stop_port");
        });
        assertThat(port3(12, 1_100)).as("10 s at 1.1 x would be orange, the run stays red").isEmpty();
    }

    @Test
    void redClearsWhenThePortIsStoppedAndTheNextOverloadIsANewEpisode() throws Exception {
        port3(0, 1_100);
        Alert first = port3(30, 1_100).get(0);
        assertThat(first.severity()).isEqualTo(Severity.RED);

        List<Alert> cleared = h.charger(telemetry(at(60), charging(1, 200), idle(3)));
        assertThat(cleared).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.CLEARED);
            assertThat(a.id()).isEqualTo(first.id());
            assertThat(a.summary()).contains("idle", "after 30 s over the limit");
        });
        assertThat(h.charger(telemetry(at(90), idle(3)))).as("cleared once").isEmpty();
        assertThat(h.mapEntries(DEVICE, PORT_OVERLOAD_RUNS)).as("no run left behind").isZero();
        assertThat(h.mapEntries(DEVICE, PORT_OVERLOAD_ALERTS)).as("no open alert left behind").isZero();
        assertThat(h.value(DEVICE, NEWEST_READING)).as("only the newest-reading time is left").isEqualTo(at(90));

        port3(120, 1_100);
        Alert second = port3(150, 1_100).get(0);
        assertThat(second.status()).isEqualTo(AlertStatus.RAISED);
        assertThat(second.id()).isNotEqualTo(first.id());
    }

    @Test
    void aDrawBackWithinTheLimitClearsWithTheReason() throws Exception {
        port3(0, 1_100);
        port3(10, 1_100);

        assertThat(port3(20, 990)).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.CLEARED);
            assertThat(a.summary()).contains("back to 990 W");
        });
    }

    @Test
    void simulatorOverloadAtThirtySecondTelemetryIsOneRedEpisode() throws Exception {
        List<Alert> all = new ArrayList<>();
        double[] noise = {3, -7, 11, -2, 6, -9, 1, 8, -4, 5, -6, 2};
        for (int i = 0; i < 14; i++) {
            all.addAll(port3(i * 30, 1_130 + noise[i % noise.length]));
        }
        all.addAll(h.charger(telemetry(at(14 * 30), charging(1, 200), idle(3))));

        assertThat(all).as("raised at the second reading, refreshed after 5 min, cleared at the end")
                .extracting(Alert::status)
                .containsExactly(AlertStatus.RAISED, AlertStatus.UPDATED, AlertStatus.CLEARED);
        assertThat(all).allSatisfy(a -> {
            assertThat(a.id()).isEqualTo(all.get(0).id());
            assertThat(a.severity()).isEqualTo(Severity.RED);
            assertThat(a.port()).isEqualTo(3);
        });
        assertThat(all.get(0).lastEventTs()).isEqualTo(at(30));
    }

    @Test
    void portsAreIndependent() throws Exception {
        h.charger(telemetry(at(0), charging(1, 1_100), charging(2, 1_100)));
        List<Alert> alerts = h.charger(telemetry(at(10), charging(1, 1_100), idle(2)));

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.port()).isEqualTo(1);
            assertThat(a.severity()).isEqualTo(Severity.ORANGE);
        });
    }

    @Test
    void aStaleOrRepeatedReadingNeitherClearsNorRestartsTheRun() throws Exception {
        port3(0, 1_100);
        Alert orange = port3(10, 1_100).get(0);

        assertThat(h.charger(telemetry(at(8), idle(3)))).as("late idle reading").isEmpty();
        assertThat(port3(10, 900)).as("repeated timestamp").isEmpty();

        List<Alert> red = port3(30, 1_100);
        assertThat(red).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(orange.id());
            assertThat(a.severity()).as("run still counted from 0 s").isEqualTo(Severity.RED);
        });
    }

    @Test
    void aRestoredJobContinuesTheEpisodeWithoutASecondRaise() throws Exception {
        port3(0, 1_100);
        Alert raised = port3(30, 1_100).get(0);
        OperatorSubtaskState snapshot = h.snapshot(1, at(31));
        h.close();

        h = DeviceHarness.restored(DetectorSettings.defaults(), snapshot, AlertType.PORT_OVERLOAD);
        assertThat(port3(60, 1_100)).isEmpty();
        assertThat(port3(20, 0)).as("older than the snapshot's newest reading").isEmpty();
        assertThat(h.charger(telemetry(minutes(2), idle(3)))).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.CLEARED);
            assertThat(a.id()).isEqualTo(raised.id());
            assertThat(a.revision()).isEqualTo(2);
        });
    }
}
