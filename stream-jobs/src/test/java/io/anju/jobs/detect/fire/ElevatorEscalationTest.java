package io.anju.jobs.detect.fire;

import io.anju.common.alert.Alert;
import io.anju.jobs.alert.FactLines;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.jobs.detect.DeviceHarness;
import io.anju.jobs.input.ChargerTelemetry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * While a compound has an open e-bike-in-elevator advisory, every station fire risk in it is one level higher: end to
 * end across the compound's stage and the per-device detectors ({@link FireStages}), and the stations' side of it
 * with escalations sent by hand.
 */
class ElevatorEscalationTest extends FireFixtures {

    private static void port1(FireStages f, double fromMin, double toMin, DoubleUnaryOperator tempAtMin,
                              double leakageMa) throws Exception {
        for (ChargerTelemetry t : port1Readings(fromMin, toMin, tempAtMin, leakageMa)) {
            f.charger(t);
        }
    }

    private static void port1(DeviceHarness h, double fromMin, double toMin, DoubleUnaryOperator tempAtMin,
                              double leakageMa) throws Exception {
        for (ChargerTelemetry t : port1Readings(fromMin, toMin, tempAtMin, leakageMa)) {
            h.charger(t);
        }
    }

    @Test
    void anElevatorConfirmationRaisesAnOpenFireRiskOneLevelUntilItClears() throws Exception {
        try (FireStages f = FireStages.open()) {
            port1(f, 0, 3, m -> 66, 35.0);
            f.compound(confirmed(seconds(180), seconds(183)));

            List<Alert> out = f.all();
            assertThat(out).extracting(Alert::type, Alert::status, Alert::severity).containsExactly(
                    tuple(AlertType.FIRE_RISK, AlertStatus.RAISED, Severity.ORANGE),
                    tuple(AlertType.EBIKE_IN_ELEVATOR, AlertStatus.RAISED, Severity.YELLOW),
                    tuple(AlertType.FIRE_RISK, AlertStatus.UPDATED, Severity.RED));
            Alert raised = out.get(2);
            assertThat(raised.id()).isEqualTo(out.get(0).id());
            assertThat(raised.lastEventTs()).isEqualTo(seconds(183));
            assertThat(raised.summary()).isEqualTo("Fire risk at charging station " + STATION + ": port 1 at 66.0 °C, "
                    + "leakage 35.0 mA; stop port 1; raised one level: e-bike in the elevator of " + BUILDING);
            assertThat(FactLines.of(raised)).containsExactly("tempC 66 °C / 65", "leakageMa 35 mA / 30",
                    "raisedBy = ebike_in_elevator");

            port1(f, 3, 13.5, m -> 66, 35.0);
            assertThat(changes(f.all())).as("only refreshes while the advisory is open").hasSize(3);
            f.watermark(seconds(183) + 600_000);
            List<Alert> all = changes(f.all());
            assertThat(all.subList(3, all.size())).extracting(Alert::type, Alert::status, Alert::severity)
                    .containsExactly(
                            tuple(AlertType.EBIKE_IN_ELEVATOR, AlertStatus.CLEARED, Severity.YELLOW),
                            tuple(AlertType.FIRE_RISK, AlertStatus.UPDATED, Severity.ORANGE));
            assertThat(all.get(all.size() - 1).summary()).doesNotContain("raised one level");
        }
    }

    @Test
    void stateSurvivesSnapshotAndRestore() throws Exception {
        FireStages.Snapshot snapshot;
        List<Alert> before;
        try (FireStages f = FireStages.open()) {
            port1(f, 0, 5, linear(40, 0, 3), 2.0);
            f.compound(confirmed(seconds(290), seconds(293)));
            before = f.all();
            assertThat(severities(of(before, AlertType.FIRE_RISK))).containsExactly(Severity.BLUE, Severity.YELLOW);
            snapshot = f.snapshot(0, 0);
        }

        try (FireStages restored = FireStages.restored(snapshot)) {
            port1(restored, 5, 6, linear(40, 0, 3), 2.0); // 55 °C: yellow, orange with the elevator
            assertThat(restored.all()).singleElement().satisfies(a -> {
                assertThat(a.status()).isEqualTo(AlertStatus.UPDATED);
                assertThat(a.severity()).isEqualTo(Severity.ORANGE);
                assertThat(a.id()).isEqualTo(before.get(0).id());
            });
            restored.watermark(seconds(293) + 600_000);
            assertThat(restored.all().subList(1, restored.all().size()))
                    .extracting(Alert::type, Alert::status, Alert::severity).containsExactly(
                            tuple(AlertType.EBIKE_IN_ELEVATOR, AlertStatus.CLEARED, Severity.YELLOW),
                            tuple(AlertType.FIRE_RISK, AlertStatus.UPDATED, Severity.YELLOW));
        }
    }

    @Test
    void aFireRiskThatBeginsDuringTheEscalationIsOneLevelHigherFromTheStart() throws Exception {
        try (DeviceHarness h = stations()) {
            assertThat(h.escalate(elevatorEscalation(seconds(0)))).as("no fire risk open: nothing to raise").isEmpty();

            port1(h, 0, 3.5, linear(44, 0, 2.0), 2.0);

            assertThat(h.all()).singleElement().satisfies(a -> {
                assertThat(a.status()).isEqualTo(AlertStatus.RAISED);
                assertThat(a.severity()).as("a rise alone is blue").isEqualTo(Severity.YELLOW);
                assertThat(a.summary()).endsWith("; raised one level: e-bike in the elevator of " + BUILDING);
            });
        }
    }

    @Test
    void anotherCompoundsEscalationChangesNothing() throws Exception {
        try (DeviceHarness h = stations()) {
            port1(h, 0, 3, m -> 66, 35.0);
            assertThat(h.escalate(new Escalation("cp-0099", seconds(180), "cp-0099/bldg-1"))).isEmpty();
            port1(h, 3, 4, m -> 66, 35.0);

            assertThat(h.all()).extracting(Alert::severity).containsExactly(Severity.ORANGE);
        }
    }

    @Test
    void theEscalationEndingBeforeTheStationsNextReadingStillStepsItDown() throws Exception {
        try (DeviceHarness h = stations()) {
            port1(h, 0, 3, m -> 66, 35.0);
            assertThat(h.escalate(elevatorEscalation(seconds(183)))).extracting(Alert::severity)
                    .containsExactly(Severity.RED);
            assertThat(h.escalate(new Escalation(COMPOUND, seconds(200), BUILDING + ", " + COMPOUND + "/bldg-5")))
                    .as("still escalated: nothing to assess again").isEmpty();

            assertThat(h.escalate(escalationEnded(seconds(240)))).singleElement().satisfies(a -> {
                assertThat(a.status()).isEqualTo(AlertStatus.UPDATED);
                assertThat(a.severity()).isEqualTo(Severity.ORANGE);
                assertThat(a.lastEventTs()).isEqualTo(seconds(240));
            });
            assertThat(h.escalate(escalationEnded(seconds(250)))).as("already ended").isEmpty();
        }
    }

    // The escalation reaches the stations by another input than their readings, and only once the watermark has
    // passed it: the tests below feed both in the orders a replay or a catch-up may bring them.

    @Test
    void eachReadingIsJudgedWithTheEscalationInForceAtItsOwnTime() throws Exception {
        try (DeviceHarness h = stations()) {
            h.escalate(elevatorEscalation(seconds(183)));
            h.escalate(escalationEnded(seconds(400)));

            port1(h, 0, 10, m -> 66, 35.0);

            List<Alert> out = h.all();
            assertThat(out).extracting(Alert::severity, Alert::lastEventTs).containsExactly(
                    tuple(Severity.ORANGE, seconds(0)), tuple(Severity.RED, seconds(210)),
                    tuple(Severity.ORANGE, seconds(420)));
        }
    }

    @Test
    void anEscalationThatArrivesAfterTheStationsReadings_raisesItForItsNewestReading_andItsLateEndLowersIt()
            throws Exception {
        try (DeviceHarness h = stations()) {
            port1(h, 0, 5, m -> 66, 35.0);

            assertThat(h.escalate(elevatorEscalation(seconds(183)))).singleElement().satisfies(a -> {
                assertThat(a.severity()).isEqualTo(Severity.RED);
                assertThat(a.lastEventTs()).isEqualTo(seconds(270));
            });
            assertThat(h.escalate(escalationEnded(seconds(240)))).singleElement().satisfies(a -> {
                assertThat(a.severity()).isEqualTo(Severity.ORANGE);
                assertThat(a.summary()).doesNotContain("raised one level");
            });
        }
    }

    @Test
    void aChangeAlreadyKnownForALaterTime_judgesTheStationAgainAtThatTime_withoutAReadingAfterIt() throws Exception {
        try (DeviceHarness h = stations()) {
            h.escalate(elevatorEscalation(seconds(183)));
            h.escalate(escalationEnded(seconds(400)));
            port1(h, 0, 5, m -> 66, 35.0);
            assertThat(h.all()).extracting(Alert::severity).containsExactly(Severity.ORANGE, Severity.RED);

            assertThat(h.watermark(seconds(400))).singleElement().satisfies(a -> {
                assertThat(a.severity()).isEqualTo(Severity.ORANGE);
                assertThat(a.lastEventTs()).isEqualTo(seconds(400));
            });
        }
    }

    @Test
    void aFireRiskWhoseQuietPeriodEndsBeforeTheEscalationArrives_clearsOnlyAfterIt_oneLevelHigher() throws Exception {
        try (DeviceHarness h = stations()) {
            port1(h, 0, 3, m -> 66, 35.0);
            // Quiet from 3 min: the fire risk clears at 13 min, but the station's readings come ahead of the watermark.
            port1(h, 3, 15, m -> 40, 2.0);
            assertThat(h.all()).extracting(Alert::status).doesNotContain(AlertStatus.CLEARED);

            assertThat(h.escalate(elevatorEscalation(minutes(12)))).singleElement().satisfies(a -> {
                assertThat(a.severity()).as("quiet (blue), one level higher").isEqualTo(Severity.YELLOW);
                assertThat(a.lastEventTs()).as("judged for its clear time").isEqualTo(minutes(13));
            });
            assertThat(h.escalate(escalationEnded(minutes(22)))).as("cleared at 13 min, before the end").isEmpty();
            assertThat(h.watermark(minutes(15))).singleElement().satisfies(a -> {
                assertThat(a.status()).isEqualTo(AlertStatus.CLEARED);
                assertThat(a.severity()).isEqualTo(Severity.YELLOW);
                assertThat(a.lastEventTs()).isEqualTo(minutes(13));
            });
        }
    }

    @Test
    void aFireSignWhileTheClearWaits_clearsTheOldRiskAtItsTimeAndRaisesANewOne() throws Exception {
        try (DeviceHarness h = stations()) {
            port1(h, 0, 3, m -> 66, 35.0);
            port1(h, 3, 13.5, m -> 40, 2.0);
            List<Alert> out = feed(h, event(STATION, minutes(13.5), "smoke", null, null));

            assertThat(out).extracting(Alert::status, Alert::severity, Alert::lastEventTs).containsExactly(
                    tuple(AlertStatus.CLEARED, Severity.BLUE, minutes(13)),
                    tuple(AlertStatus.RAISED, Severity.RED, minutes(13.5)));
        }
    }
}
