package io.anju.jobs.detect.fire;

import io.anju.common.alert.Alert;
import io.anju.jobs.alert.FactLines;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.jobs.detect.DeviceHarness;
import io.anju.jobs.input.ChargerTelemetry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A station's own fire risk and leakage fault (StationFireTracker), through the per-device detectors: its telemetry
 * and events, the quiet period that clears them. The compound's escalation: {@link ElevatorEscalationTest}.
 */
class StationFireTest extends FireFixtures {

    /** Telemetry every 30 s from {@code fromMin} (inclusive) to {@code toMin} (exclusive), port 1 per curve. */
    private static void port1(DeviceHarness h, double fromMin, double toMin, DoubleUnaryOperator tempAtMin,
                              double leakageMa) throws Exception {
        for (ChargerTelemetry t : port1Readings(fromMin, toMin, tempAtMin, leakageMa)) {
            feed(h, t);
        }
    }

    @Test
    void normalChargingAndHeavyLoadWarmUpRaiseNothing() throws Exception {
        var h = stations();
        for (long ts = minutes(0); ts < minutes(40); ts += TELEMETRY_MS) {
            double m = (ts - BEGINNING) / 60_000.0;
            feed(h, telemetry(STATION, ts, false, 3.2,
                    r1(27 + 27.5 * (1 - Math.exp(-m / 5))), // a 1,100 W overload from a warm shed
                    r1(18 + 30 * (1 - Math.exp(-m / 5))),   // the steepest warm-up a port can have
                    r1(25 + 19 * (1 - Math.exp(-m / 5))),   // a 400 W e-bike start
                    25.0));
        }
        h.watermark(minutes(60));
        assertThat(h.all()).isEmpty();
    }

    @Test
    void withoutTheFloorAndFadeChecksAHeavyLoadWarmUpWouldLookLikeARunaway() throws Exception {
        FireRiskSettings d = FireRiskSettings.defaults();
        var h = stations(new FireRiskSettings(d.riseRate(), d.riseWindow(), 40.0, 0.1, d.yellowC(),
                d.overTempC(), d.clearBelowC(), d.leakageMa(), d.clearAfter(), d.reportingGap(),
                d.cameraConfirmWindow()));
        port1(h, 0, 10, m -> r1(27 + 27.5 * (1 - Math.exp(-m / 5))), 3.2);
        assertThat(severities(h.all())).containsExactly(Severity.BLUE);
    }

    @Test
    void sustainedRiseIsBlueThenYellowFrom55() throws Exception {
        var h = stations();
        port1(h, 0, 7.5, linear(41, 0, 3), 2.0);
        List<Alert> out = h.all();
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
        assertThat(FactLines.of(first)).containsExactly("tempC 50 °C / 65", "riseCPerMin 3 °C/min / 2");
        assertThat(severities(out)).containsExactly(Severity.BLUE, Severity.YELLOW);
        assertThat(out.get(1).status()).isEqualTo(AlertStatus.UPDATED);
        assertThat(out.get(1).id()).isEqualTo(first.id());
        assertThat(out.get(1).lastEventTs()).isEqualTo(minutes(5));
    }

    @Test
    void riseEdgesExactly2PerMinuteCountsJustBelowDoesNot() throws Exception {
        var atEdge = stations();
        port1(atEdge, 0, 3.5, linear(44, 0, 2.0), 2.0);
        assertThat(severities(atEdge.all())).containsExactly(Severity.BLUE);

        var below = stations();
        port1(below, 0, 10, linear(44, 0, 1.9), 2.0);
        assertThat(below.all()).isEmpty();

        var rising54 = stations();
        port1(rising54, 0, 3.5, linear(48.5, 0, 2.0), 2.0);
        assertThat(severities(rising54.all())).containsExactly(Severity.BLUE);
        var rising55 = stations();
        port1(rising55, 0, 3.5, linear(49, 0, 2.0), 2.0);
        assertThat(severities(rising55.all())).containsExactly(Severity.YELLOW);
    }

    @Test
    void aRiseBelowTheFloorOrFadingLikeAWarmUpIsNoSign() throws Exception {
        var cool = stations();
        port1(cool, 0, 3.5, linear(38.5, 0, 3.0), 2.0); // ends at 47.5 °C
        assertThat(cool.all()).isEmpty();
        var atFloor = stations();
        port1(atFloor, 0, 3.5, linear(39, 0, 3.0), 2.0); // ends at 48.0 °C
        assertThat(severities(atFloor.all())).containsExactly(Severity.BLUE);

        var fading = stations();
        // 4, 3, 2.4 °C/min: each third fast enough, but the last is only 0.6 of the first.
        double[] temps = {50, 52, 54, 55.5, 57, 58.2, 59.4};
        for (int i = 0; i < temps.length; i++) {
            feed(fading, telemetry(STATION, minutes(i * 0.5), false, 2.0, temps[i]));
        }
        assertThat(fading.all()).isEmpty();
    }

    @Test
    void overTemperatureAloneRaisesNothing() throws Exception {
        var h = stations();
        port1(h, 0, 15, m -> m < 2 ? 50 : 70, 2.0);
        feed(h, event(STATION, minutes(2), "overtemp", 1, 70.0));
        assertThat(h.all()).isEmpty();
    }

    @Test
    void overTemperatureWithLeakageIsOrangeStopPortAndNoLeakageFault() throws Exception {
        var h = stations();
        port1(h, 0, 3, m -> 66, 35.0);
        List<Alert> out = h.all();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).type()).isEqualTo(AlertType.FIRE_RISK);
        assertThat(out.get(0).severity()).isEqualTo(Severity.ORANGE);
        assertThat(out.get(0).recommendedAction()).isEqualTo("stop_port");
        assertThat(out.get(0).summary()).contains("leakage 35.0 mA").contains("stop port 1");
    }

    @Test
    void overTemperatureWithRiseIsOrangeAndWithRiseAndLeakageRed() throws Exception {
        var h = stations();
        port1(h, 0, 9.5, linear(48, 0, 2.0), 2.0); // 65.0 °C at 8.5 min
        port1(h, 9.5, 10.5, linear(48, 0, 2.0), 31.0);
        assertThat(severities(h.all()))
                .containsExactly(Severity.BLUE, Severity.YELLOW, Severity.ORANGE, Severity.RED);
        assertThat(h.all().get(2).firstEventTs()).isEqualTo(minutes(3));
        assertThat(h.all().get(2).lastEventTs()).isEqualTo(minutes(8.5));
    }

    @Test
    void leakageAtTheLineIsNothingAboveItALeakageFault() throws Exception {
        var h = stations();
        port1(h, 0, 2, m -> 40, 30.0);
        assertThat(h.all()).isEmpty();
        port1(h, 2, 12, m -> 40, 42.0);
        List<Alert> out = changes(h.all());
        assertThat(out).hasSize(1);
        Alert a = out.get(0);
        assertThat(a.type()).isEqualTo(AlertType.LEAKAGE_FAULT);
        assertThat(a.severity()).isEqualTo(Severity.ORANGE);
        assertThat(a.recommendedAction()).isEqualTo("inspect_station");
        assertThat(a.sourceId()).isEqualTo(STATION);
        assertThat(a.dedupKey()).isEqualTo("leakage_fault:" + STATION);
        port1(h, 12, 30, m -> 40, 3.0);
        List<Alert> all = changes(h.all());
        assertThat(all).hasSize(2);
        assertThat(all.get(1).status()).isEqualTo(AlertStatus.CLEARED);
        assertThat(all.get(1).lastEventTs()).isEqualTo(minutes(22));
    }

    @Test
    void smokeIsRedAtOnceAndTakesOverAnOpenLeakageFault() throws Exception {
        var h = stations();
        port1(h, 0, 1, m -> 40, 45.0);
        feed(h, event(STATION, minutes(1), "smoke", null, null));
        List<Alert> out = h.all();
        assertThat(out).extracting(Alert::type, Alert::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertType.LEAKAGE_FAULT, AlertStatus.RAISED),
                org.assertj.core.groups.Tuple.tuple(AlertType.FIRE_RISK, AlertStatus.RAISED),
                org.assertj.core.groups.Tuple.tuple(AlertType.LEAKAGE_FAULT, AlertStatus.CLEARED));
        Alert fire = out.get(1);
        assertThat(fire.severity()).isEqualTo(Severity.RED);
        assertThat(fire.recommendedAction()).isEqualTo("stop_port");
        assertThat(fire.summary()).contains("call the fire service").contains("leakage 45.0 mA");
        assertThat(FactLines.of(fire)).contains("smoke = detected", "leakageMa 45 mA / 30");
        assertThat(out.get(2).summary()).contains(fire.id());
        port1(h, 1.5, 5, m -> 40, 45.0);
        assertThat(of(h.all(), AlertType.LEAKAGE_FAULT)).hasSize(2);
    }

    /** The simulator's THERMAL_RUNAWAY: 3.5 °C/min from 35 °C, smoke at 68 °C, leakage a minute later, 30 min. */
    @Test
    void thermalRunawayIsOneFireRiskEpisodeThatReachesRedAndClearsAfterCooling() throws Exception {
        var h = stations();
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
        h.watermark(minutes(90));
        List<Alert> out = h.all();
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
    void aSilentStationDoesNotClearButClearsOnItsNextQuietReading() throws Exception {
        var h = stations();
        port1(h, 0, 4, linear(40, 0, 3), 2.0);
        port1(h, 4, 4.5, m -> 45, 2.0);
        assertThat(severities(h.all())).containsExactly(Severity.BLUE);
        h.watermark(minutes(30));
        assertThat(h.all()).hasSize(1);
        feed(h, telemetry(STATION, minutes(30), false, 2.0, 44.0, 30.0));
        assertThat(h.all()).hasSize(2);
        assertThat(h.all().get(1).status()).isEqualTo(AlertStatus.CLEARED);
    }

    @Test
    void clearsByWatermarkAfterTheQuietPeriodNotBeforeAnd60IsNotQuiet() throws Exception {
        var h = stations();
        port1(h, 0, 4, linear(40, 0, 3), 2.0);
        port1(h, 4, 10, m -> 60, 2.0);      // not rising, but at the clear line
        port1(h, 10, 19.5, m -> 59.9, 2.0); // quiet from minute 10
        h.watermark(minutes(19.5));
        assertThat(h.all()).noneMatch(a -> a.status() == AlertStatus.CLEARED);
        h.watermark(minutes(20));
        List<Alert> out = h.all();
        assertThat(out.get(out.size() - 1).status()).isEqualTo(AlertStatus.CLEARED);
        assertThat(out.get(out.size() - 1).lastEventTs()).isEqualTo(minutes(20));
    }

    @Test
    void staleAndOutOfOrderReadingsDoNotMoveStateBack() throws Exception {
        var h = stations();
        feed(h, event(STATION, minutes(5), "smoke", null, null));
        assertThat(severities(h.all())).containsExactly(Severity.RED);
        // Late telemetry from before the smoke says no smoke and a cool port: must not count.
        feed(h, telemetry(STATION, minutes(4.5), false, 2.0, 30.0));
        h.watermark(minutes(30));
        assertThat(h.all()).hasSize(1);
        // A reading a few seconds out of order inside a rise is dropped, the rise still stands.
        var rise = stations();
        port1(rise, 0, 3, linear(40, 0, 3), 2.0);
        feed(rise, telemetry(STATION, minutes(3), false, 2.0, 49.0, 30.0));
        feed(rise, telemetry(STATION, minutes(2.9), false, 2.0, 20.0, 30.0));
        feed(rise, telemetry(STATION, minutes(3.5), false, 2.0, 50.5, 30.0));
        assertThat(severities(rise.all())).containsExactly(Severity.BLUE);
    }
}
