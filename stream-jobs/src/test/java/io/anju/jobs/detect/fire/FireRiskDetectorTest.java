package io.anju.jobs.detect.fire;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class FireRiskDetectorTest extends FireFixtures {

    private static double r1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Telemetry every 30 s from {@code fromMin} (inclusive) to {@code toMin} (exclusive), port 1 per curve. */
    private static void port1(KeyedOneInputStreamOperatorTestHarness<String, FireSignal, Alert> h, double fromMin,
                              double toMin, DoubleUnaryOperator tempAtMin, double leakageMa) throws Exception {
        for (long ts = minutes(fromMin); ts < minutes(toMin); ts += TELEMETRY_MS) {
            double m = (ts - BEGINNING) / 60_000.0;
            feed(h, telemetry(STATION, ts, false, leakageMa, r1(tempAtMin.applyAsDouble(m)), 30.0));
        }
    }

    private static DoubleUnaryOperator linear(double c0, double fromMin, double ratePerMin) {
        return m -> c0 + ratePerMin * (m - fromMin);
    }

    @Test
    void normalChargingAndHeavyLoadWarmUpRaiseNothing() throws Exception {
        var h = harness();
        for (long ts = minutes(0); ts < minutes(40); ts += TELEMETRY_MS) {
            double m = (ts - BEGINNING) / 60_000.0;
            feed(h, telemetry(STATION, ts, false, 3.2,
                    r1(27 + 27.5 * (1 - Math.exp(-m / 5))), // a 1,100 W overload from a warm shed
                    r1(18 + 30 * (1 - Math.exp(-m / 5))),   // the steepest warm-up a port can have
                    r1(25 + 19 * (1 - Math.exp(-m / 5))),   // a 400 W e-bike start
                    25.0));
        }
        h.processWatermark(minutes(60));
        assertThat(h.extractOutputValues()).isEmpty();
    }

    @Test
    void withoutTheFloorAndFadeChecksAHeavyLoadWarmUpWouldLookLikeARunaway() throws Exception {
        FireRiskSettings d = FireRiskSettings.defaults();
        var h = harness(new FireRiskSettings(d.riseRate(), d.riseWindow(), 40.0, 0.1, d.yellowC(),
                d.overTempC(), d.clearBelowC(), d.leakageMa(), d.clearAfter(), d.reportingGap(),
                d.cameraConfirmWindow()));
        port1(h, 0, 10, m -> r1(27 + 27.5 * (1 - Math.exp(-m / 5))), 3.2);
        assertThat(severities(h.extractOutputValues())).containsExactly(Severity.BLUE);
    }

    @Test
    void sustainedRiseIsBlueThenYellowFrom55() throws Exception {
        var h = harness();
        port1(h, 0, 7.5, linear(41, 0, 3), 2.0);
        List<Alert> out = h.extractOutputValues();
        assertThat(raises(out)).isOne();
        Alert first = out.get(0);
        assertThat(first.type()).isEqualTo(AlertType.FIRE_RISK);
        assertThat(first.severity()).isEqualTo(Severity.BLUE);
        assertThat(first.sourceKind()).isEqualTo(SourceKind.DEVICE);
        assertThat(first.sourceId()).isEqualTo(STATION);
        assertThat(first.port()).isEqualTo(1);
        assertThat(first.location()).isEqualTo(LOCATION);
        assertThat(first.recommendedAction()).isEqualTo("inspect_port");
        assertThat(first.firstEventTs()).isEqualTo(minutes(3));
        assertThat(first.summary()).contains("port 1 at 50.0 °C rising 3.0 °C/min");
        assertThat(severities(out)).containsExactly(Severity.BLUE, Severity.YELLOW);
        assertThat(out.get(1).status()).isEqualTo(AlertStatus.UPDATED);
        assertThat(out.get(1).id()).isEqualTo(first.id());
        assertThat(out.get(1).lastEventTs()).isEqualTo(minutes(5));
    }

    @Test
    void riseEdgesExactly2PerMinuteCountsJustBelowDoesNot() throws Exception {
        var atEdge = harness();
        port1(atEdge, 0, 3.5, linear(44, 0, 2.0), 2.0);
        assertThat(severities(atEdge.extractOutputValues())).containsExactly(Severity.BLUE);

        var below = harness();
        port1(below, 0, 10, linear(44, 0, 1.9), 2.0);
        assertThat(below.extractOutputValues()).isEmpty();

        var rising54 = harness();
        port1(rising54, 0, 3.5, linear(48.5, 0, 2.0), 2.0);
        assertThat(severities(rising54.extractOutputValues())).containsExactly(Severity.BLUE);
        var rising55 = harness();
        port1(rising55, 0, 3.5, linear(49, 0, 2.0), 2.0);
        assertThat(severities(rising55.extractOutputValues())).containsExactly(Severity.YELLOW);
    }

    @Test
    void aRiseBelowTheFloorOrFadingLikeAWarmUpIsNoSign() throws Exception {
        var cool = harness();
        port1(cool, 0, 3.5, linear(38.5, 0, 3.0), 2.0); // ends at 47.5 °C
        assertThat(cool.extractOutputValues()).isEmpty();
        var atFloor = harness();
        port1(atFloor, 0, 3.5, linear(39, 0, 3.0), 2.0); // ends at 48.0 °C
        assertThat(severities(atFloor.extractOutputValues())).containsExactly(Severity.BLUE);

        var fading = harness();
        // 4, 3, 2.4 °C/min: each third fast enough, but the last is only 0.6 of the first.
        double[] temps = {50, 52, 54, 55.5, 57, 58.2, 59.4};
        for (int i = 0; i < temps.length; i++) {
            feed(fading, telemetry(STATION, minutes(i * 0.5), false, 2.0, temps[i]));
        }
        assertThat(fading.extractOutputValues()).isEmpty();
    }

    @Test
    void overTemperatureAloneRaisesNothing() throws Exception {
        var h = harness();
        port1(h, 0, 15, m -> m < 2 ? 50 : 70, 2.0);
        feed(h, event(STATION, minutes(2), "overtemp", 1, 70.0));
        assertThat(h.extractOutputValues()).isEmpty();
    }

    @Test
    void overTemperatureWithLeakageIsOrangeStopPortAndNoLeakageFault() throws Exception {
        var h = harness();
        port1(h, 0, 3, m -> 66, 35.0);
        List<Alert> out = h.extractOutputValues();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).type()).isEqualTo(AlertType.FIRE_RISK);
        assertThat(out.get(0).severity()).isEqualTo(Severity.ORANGE);
        assertThat(out.get(0).recommendedAction()).isEqualTo("stop_port");
        assertThat(out.get(0).summary()).contains("leakage 35.0 mA").contains("stop port 1");
    }

    @Test
    void overTemperatureWithRiseIsOrangeAndWithRiseAndLeakageRed() throws Exception {
        var h = harness();
        port1(h, 0, 9.5, linear(48, 0, 2.0), 2.0); // 65.0 °C at 8.5 min
        port1(h, 9.5, 10.5, linear(48, 0, 2.0), 31.0);
        assertThat(severities(h.extractOutputValues()))
                .containsExactly(Severity.BLUE, Severity.YELLOW, Severity.ORANGE, Severity.RED);
        assertThat(h.extractOutputValues().get(2).firstEventTs()).isEqualTo(minutes(3));
        assertThat(h.extractOutputValues().get(2).lastEventTs()).isEqualTo(minutes(8.5));
    }

    @Test
    void leakageAtTheLineIsNothingAboveItALeakageFault() throws Exception {
        var h = harness();
        port1(h, 0, 2, m -> 40, 30.0);
        assertThat(h.extractOutputValues()).isEmpty();
        port1(h, 2, 12, m -> 40, 42.0);
        List<Alert> out = changes(h.extractOutputValues());
        assertThat(out).hasSize(1);
        Alert a = out.get(0);
        assertThat(a.type()).isEqualTo(AlertType.LEAKAGE_FAULT);
        assertThat(a.severity()).isEqualTo(Severity.ORANGE);
        assertThat(a.recommendedAction()).isEqualTo("inspect_station");
        assertThat(a.sourceId()).isEqualTo(STATION);
        assertThat(a.dedupKey()).isEqualTo("leakage_fault:" + STATION);
        port1(h, 12, 30, m -> 40, 3.0);
        List<Alert> all = changes(h.extractOutputValues());
        assertThat(all).hasSize(2);
        assertThat(all.get(1).status()).isEqualTo(AlertStatus.CLEARED);
        assertThat(all.get(1).lastEventTs()).isEqualTo(minutes(22));
    }

    @Test
    void smokeIsRedAtOnceAndTakesOverAnOpenLeakageFault() throws Exception {
        var h = harness();
        port1(h, 0, 1, m -> 40, 45.0);
        feed(h, event(STATION, minutes(1), "smoke", null, null));
        List<Alert> out = h.extractOutputValues();
        assertThat(out).extracting(Alert::type, Alert::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertType.LEAKAGE_FAULT, AlertStatus.RAISED),
                org.assertj.core.groups.Tuple.tuple(AlertType.FIRE_RISK, AlertStatus.RAISED),
                org.assertj.core.groups.Tuple.tuple(AlertType.LEAKAGE_FAULT, AlertStatus.CLEARED));
        Alert fire = out.get(1);
        assertThat(fire.severity()).isEqualTo(Severity.RED);
        assertThat(fire.recommendedAction()).isEqualTo("stop_port");
        assertThat(fire.summary()).contains("call the fire service").contains("leakage 45.0 mA");
        assertThat(out.get(2).summary()).contains(fire.id());
        port1(h, 1.5, 5, m -> 40, 45.0);
        assertThat(of(h.extractOutputValues(), AlertType.LEAKAGE_FAULT)).hasSize(2);
    }

    /** The simulator's THERMAL_RUNAWAY: 3.5 °C/min from 35 °C, smoke at 68 °C, leakage a minute later, 30 min. */
    @Test
    void thermalRunawayIsOneFireRiskEpisodeThatReachesRedAndClearsAfterCooling() throws Exception {
        var h = harness();
        double smokeAt = (68 - 35) / 3.5;
        for (long ts = minutes(0); ts < minutes(75); ts += TELEMETRY_MS) {
            double m = (ts - BEGINNING) / 60_000.0;
            boolean fault = m < 30;
            double temp = fault ? 35 + 3.5 * m : 25 + (35 + 3.5 * 30 - 25) * Math.exp(-(m - 30) / 5);
            boolean smoke = fault && m >= smokeAt;
            double leak = smoke ? 3 + Math.max(0, m - smokeAt - 1) * 8 : 3;
            feed(h, telemetry(STATION, ts, smoke, r1(leak), r1(temp), 31.0, 29.5));
            if (smoke && m - smokeAt < 0.5) {
                feed(h, event(STATION, ts, "smoke", null, null));
            }
        }
        h.processWatermark(minutes(90));
        List<Alert> out = h.extractOutputValues();
        assertThat(of(out, AlertType.LEAKAGE_FAULT)).isEmpty();
        assertThat(out).allMatch(a -> a.type() == AlertType.FIRE_RISK && a.id().equals(out.get(0).id()));
        assertThat(raises(out)).isOne();
        // Up as the signs add up; down when the smoke stops (still over 65 °C: orange) and below 65 °C (blue).
        assertThat(severities(out)).containsExactly(Severity.BLUE, Severity.YELLOW, Severity.ORANGE, Severity.RED,
                Severity.ORANGE, Severity.BLUE);
        assertThat(out.get(out.size() - 1).status()).isEqualTo(AlertStatus.CLEARED);
        assertThat(out).allMatch(a -> a.port() == 1);
    }

    @Test
    void anElevatorConfirmationRaisesAnOpenFireRiskOneLevelUntilItClears() throws Exception {
        var h = harness();
        port1(h, 0, 3, m -> 66, 35.0);
        feed(h, List.of(confirmed(seconds(180), seconds(183))));
        List<Alert> out = h.extractOutputValues();
        assertThat(out).hasSize(3);
        Alert elevator = out.get(1);
        assertThat(elevator.type()).isEqualTo(AlertType.EBIKE_IN_ELEVATOR);
        assertThat(elevator.severity()).isEqualTo(Severity.YELLOW);
        assertThat(elevator.sourceKind()).isEqualTo(SourceKind.BUILDING);
        assertThat(elevator.sourceId()).isEqualTo(COMPOUND + "/bldg-3");
        assertThat(elevator.recommendedAction()).isEqualTo("dispatch_property_manager");
        assertThat(elevator.evidence()).extracting(e -> e.snapshotId())
                .containsExactly(CAMERA + "-" + seconds(180), CAMERA + "-" + seconds(183));
        Alert raised = out.get(2);
        assertThat(raised.type()).isEqualTo(AlertType.FIRE_RISK);
        assertThat(raised.status()).isEqualTo(AlertStatus.UPDATED);
        assertThat(raised.severity()).isEqualTo(Severity.RED);
        assertThat(raised.summary()).contains("raised one level: e-bike in the elevator of " + COMPOUND + "/bldg-3");

        port1(h, 3, 13.5, m -> 66, 35.0);
        assertThat(changes(h.extractOutputValues())).hasSize(3);
        h.processWatermark(seconds(183) + 600_000);
        List<Alert> all = changes(h.extractOutputValues());
        List<Alert> after = all.subList(3, all.size());
        assertThat(after).extracting(Alert::type, Alert::status, Alert::severity).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertType.EBIKE_IN_ELEVATOR, AlertStatus.CLEARED, Severity.YELLOW),
                org.assertj.core.groups.Tuple.tuple(AlertType.FIRE_RISK, AlertStatus.UPDATED, Severity.ORANGE));
    }

    @Test
    void anElevatorConfirmationAloneIsOnlyTheBuildingAdvisory() throws Exception {
        var h = harness();
        assertThat(FireSignals.fromCamera(detection(CAMERA, seconds(0), "ebike_in_elevator"))).isEmpty();
        feed(h, List.of(confirmed(seconds(0), seconds(3))));
        feed(h, List.of(confirmed(seconds(60), seconds(63))));
        h.processWatermark(seconds(63) + 599_999);
        assertThat(h.extractOutputValues()).extracting(Alert::type, Alert::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertType.EBIKE_IN_ELEVATOR, AlertStatus.RAISED));
        h.processWatermark(seconds(63) + 600_000);
        assertThat(h.extractOutputValues()).hasSize(2);
        assertThat(h.extractOutputValues().get(1).status()).isEqualTo(AlertStatus.CLEARED);
    }

    @Test
    void cameraSmokeCountsOnlyWhenTheSameCameraConfirmsItWithin30s() throws Exception {
        var h = harness();
        feed(h, FireSignals.fromCamera(detection("cam-shed", seconds(0), "smoke")));
        feed(h, FireSignals.fromCamera(detection("cam-other", seconds(10), "smoke")));
        feed(h, FireSignals.fromCamera(detection("cam-shed", seconds(31), "flame")));
        assertThat(h.extractOutputValues()).isEmpty();
        feed(h, FireSignals.fromCamera(detection("cam-shed", seconds(61), "flame")));
        List<Alert> out = h.extractOutputValues();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).type()).isEqualTo(AlertType.FIRE_RISK);
        assertThat(out.get(0).sourceKind()).isEqualTo(SourceKind.BUILDING);
        assertThat(out.get(0).severity()).isEqualTo(Severity.ORANGE);
        h.processWatermark(seconds(61) + 600_000);
        assertThat(h.extractOutputValues()).hasSize(2);
        assertThat(h.numKeyedStateEntries()).isZero();
    }

    @Test
    void aSilentStationDoesNotClearButClearsOnItsNextQuietReading() throws Exception {
        var h = harness();
        port1(h, 0, 4, linear(40, 0, 3), 2.0);
        port1(h, 4, 4.5, m -> 45, 2.0);
        assertThat(severities(h.extractOutputValues())).containsExactly(Severity.BLUE);
        h.processWatermark(minutes(30));
        assertThat(h.extractOutputValues()).hasSize(1);
        feed(h, telemetry(STATION, minutes(30), false, 2.0, 44.0, 30.0));
        assertThat(h.extractOutputValues()).hasSize(2);
        assertThat(h.extractOutputValues().get(1).status()).isEqualTo(AlertStatus.CLEARED);
    }

    @Test
    void clearsByWatermarkAfterTheQuietPeriodNotBeforeAnd60IsNotQuiet() throws Exception {
        var h = harness();
        port1(h, 0, 4, linear(40, 0, 3), 2.0);
        port1(h, 4, 10, m -> 60, 2.0);      // not rising, but at the clear line
        port1(h, 10, 19.5, m -> 59.9, 2.0); // quiet from minute 10
        h.processWatermark(minutes(19.5));
        assertThat(h.extractOutputValues()).noneMatch(a -> a.status() == AlertStatus.CLEARED);
        h.processWatermark(minutes(20));
        List<Alert> out = h.extractOutputValues();
        assertThat(out.get(out.size() - 1).status()).isEqualTo(AlertStatus.CLEARED);
        assertThat(out.get(out.size() - 1).lastEventTs()).isEqualTo(minutes(20));
    }

    @Test
    void staleAndOutOfOrderReadingsDoNotMoveStateBack() throws Exception {
        var h = harness();
        feed(h, event(STATION, minutes(5), "smoke", null, null));
        assertThat(severities(h.extractOutputValues())).containsExactly(Severity.RED);
        // Late telemetry from before the smoke says no smoke and a cool port: must not count.
        feed(h, telemetry(STATION, minutes(4.5), false, 2.0, 30.0));
        h.processWatermark(minutes(30));
        assertThat(h.extractOutputValues()).hasSize(1);
        // A reading a few seconds out of order inside a rise is dropped, the rise still stands.
        var rise = harness();
        port1(rise, 0, 3, linear(40, 0, 3), 2.0);
        feed(rise, telemetry(STATION, minutes(3), false, 2.0, 49.0, 30.0));
        feed(rise, telemetry(STATION, minutes(2.9), false, 2.0, 20.0, 30.0));
        feed(rise, telemetry(STATION, minutes(3.5), false, 2.0, 50.5, 30.0));
        assertThat(severities(rise.extractOutputValues())).containsExactly(Severity.BLUE);
    }

    @Test
    void stateSurvivesSnapshotAndRestore() throws Exception {
        var h = harness();
        port1(h, 0, 5, linear(40, 0, 3), 2.0);
        feed(h, List.of(confirmed(seconds(290), seconds(293))));
        List<Alert> before = h.extractOutputValues();
        assertThat(severities(of(before, AlertType.FIRE_RISK))).containsExactly(Severity.BLUE, Severity.YELLOW);
        OperatorSubtaskState snapshot = h.snapshot(0, 0);
        h.close();

        var restored = unopenedHarness();
        restored.setup();
        restored.initializeState(snapshot);
        restored.open();
        port1(restored, 5, 6, linear(40, 0, 3), 2.0); // 55 °C: yellow, orange with the elevator
        List<Alert> after = restored.extractOutputValues();
        assertThat(after).hasSize(1);
        assertThat(after.get(0).status()).isEqualTo(AlertStatus.UPDATED);
        assertThat(after.get(0).severity()).isEqualTo(Severity.ORANGE);
        assertThat(after.get(0).id()).isEqualTo(before.get(0).id());
        restored.processWatermark(seconds(293) + 600_000);
        assertThat(restored.extractOutputValues()).extracting(Alert::type)
                .contains(AlertType.EBIKE_IN_ELEVATOR);
    }
}
