package io.anju.jobs.command;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.command.DeviceCommand;
import io.anju.common.model.LocationChain;
import io.anju.jobs.alert.FactLines;
import io.anju.jobs.config.JobsConfig;
import io.anju.jobs.detect.DetectorSettings;
import io.anju.jobs.detect.DeviceHarness;
import io.anju.jobs.input.ChargerLimits;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.PortReading;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * An automatic stop is confirmed by the charger's own readings received after the gateway delivered it, sent again
 * when they do not show the port off in time, and after the last attempt the port raises {@code stop_unconfirmed}
 * until a reading shows it off. The harness's readings are received by the gateway at their own time.
 */
class StopWatchTest {
    private static final LocationChain CP42 = new LocationChain("sd-01", "c-01", "g-01", "cp-0042", null);
    private static final String STATION = "chg-1";
    private static final long BEGINNING = 1_764_378_000_000L;
    private static final long SECOND = 1_000;
    /** The defaults: 60 s per attempt, 10 W counts as off, 3 attempts. */
    private static final StopConfirmSettings CONFIRM = StopConfirmSettings.defaults();

    /** Port 2 red (66 °C, smoke, 35 mA leakage) drawing {@code port2W}; port 1 calm. */
    private static ChargerTelemetry burning(long ts, double port2W) {
        return new ChargerTelemetry(STATION, ts, CP42, 228.0, 24.0, true, 35.0,
                List.of(new PortReading(1, "charging", 48.5, 4.0, 194.0, 100, 30.0),
                        new PortReading(2, port2W > 0 ? "charging" : "idle", 48.5, port2W / 48.5, port2W, 100, 66.0)),
                ChargerLimits.DEFAULTS);
    }

    private static DeviceHarness detectors() throws Exception {
        return DeviceHarness.open(DetectorSettings.defaults().withStopConfirm(CONFIRM), AlertType.STOP_UNCONFIRMED);
    }

    @Test
    void aStopIsConfirmedByTheFirstReadingAfterItsDeliveryThatShowsThePortOff_andLeavesNoState() throws Exception {
        try (DeviceHarness h = detectors()) {
            h.charger(burning(BEGINNING, 194.0));
            DeviceCommand stop = h.newCommands().get(0);
            assertThat(h.mapEntries(STATION, StopWatch.PENDING)).isEqualTo(1);
            h.delivered(STATION, stop.id(), BEGINNING + 2 * SECOND);

            h.charger(burning(BEGINNING + 5 * SECOND, 190.0));
            assertThat(h.newOutcomes()).as("still drawing: not yet, and not a failure before the bound").isEmpty();

            h.charger(burning(BEGINNING + 10 * SECOND, 3.0));
            assertThat(h.newOutcomes()).singleElement().satisfies(o -> {
                assertThat(o.kind()).isEqualTo("confirmation");
                assertThat(o.outcome()).isEqualTo("confirmed");
                assertThat(o.commandId()).isEqualTo(stop.id());
                assertThat(o.deviceId()).isEqualTo(STATION);
                assertThat(o.port()).isEqualTo(2);
                assertThat(o.attempt()).isEqualTo(1);
                assertThat(o.powerW()).isEqualTo(3.0);
                assertThat(o.at()).isEqualTo(BEGINNING + 10 * SECOND);
            });
            assertThat(h.mapEntries(STATION, StopWatch.PENDING)).as("nothing left behind").isZero();
            h.watermark(BEGINNING + 10 * 60 * SECOND);
            assertThat(h.newCommands()).as("no retry after it was confirmed").isEmpty();
            assertThat(h.all()).isEmpty();
        }
    }

    @Test
    void aStopNotSeenInTime_isSentAgainUnderANewId_andTheRetryCanBeConfirmed() throws Exception {
        try (DeviceHarness h = detectors()) {
            h.charger(burning(BEGINNING, 194.0));
            DeviceCommand first = h.newCommands().get(0);
            h.charger(burning(BEGINNING + 30 * SECOND, 194.0));

            h.watermark(BEGINNING + 60 * SECOND - 1);
            assertThat(h.newCommands()).as("one millisecond before the bound").isEmpty();
            h.watermark(BEGINNING + 60 * SECOND);
            DeviceCommand second = h.newCommands().get(0);
            h.delivered(STATION, second.id(), BEGINNING + 62 * SECOND);
            assertThat(second.id()).isNotEqualTo(first.id());
            assertThat(second.port()).isEqualTo(2);
            assertThat(second.reason()).endsWith("attempt 2");
            assertThat(second.alertId()).as("a retry still names its alert").isEqualTo(first.alertId()).isNotNull();
            assertThat(h.newOutcomes()).extracting(StopOutcome::outcome, StopOutcome::commandId, StopOutcome::attempt,
                    StopOutcome::powerW).containsExactly(tuple("retried", second.id(), 2, 194.0));

            h.charger(burning(BEGINNING + 65 * SECOND, 0.0));
            assertThat(h.newOutcomes()).extracting(StopOutcome::outcome, StopOutcome::commandId, StopOutcome::attempt)
                    .containsExactly(tuple("confirmed", second.id(), 2));
            assertThat(h.all()).as("confirmed on the second attempt: no alert").isEmpty();
        }
    }

    @Test
    void afterTheLastAttempt_thePortRaisesStopUnconfirmed_whichAReadingOfThePortOffClears() throws Exception {
        try (DeviceHarness h = detectors()) {
            h.charger(burning(BEGINNING, 194.0));
            // Delivered, but the charger does not obey: a delivery of any attempt lets a later reading confirm it.
            h.delivered(STATION, h.newCommands().get(0).id(), BEGINNING + SECOND);
            h.charger(burning(BEGINNING + 170 * SECOND, 950.0));
            h.watermark(BEGINNING + 60 * SECOND);
            h.watermark(BEGINNING + 120 * SECOND);
            assertThat(h.newCommands()).as("attempts 2 and 3").hasSize(2);
            assertThat(h.all()).isEmpty();

            List<Alert> raised = h.watermark(BEGINNING + 180 * SECOND);
            assertThat(raised).singleElement().satisfies(a -> {
                assertThat(a.type()).isEqualTo(AlertType.STOP_UNCONFIRMED);
                assertThat(a.severity()).isEqualTo(Severity.RED);
                assertThat(a.status()).isEqualTo(AlertStatus.RAISED);
                assertThat(a.sourceId()).isEqualTo(Alert.portSourceId(STATION, 2));
                assertThat(a.recommendedAction()).isEqualTo(StopWatch.CUT_POWER_ON_SITE);
                assertThat(a.summary()).contains("after 3 attempts").contains("still 950 W");
                assertThat(FactLines.of(a)).containsExactly("attempts 3 times", "powerW 950 W / 10");
                assertThat(a.location()).isEqualTo(CP42);
            });
            assertThat(h.newOutcomes()).extracting(StopOutcome::outcome).containsExactly("retried", "retried",
                    "unconfirmed");
            h.watermark(BEGINNING + 30 * 60 * SECOND);
            assertThat(h.newCommands()).as("no fourth attempt").isEmpty();

            List<Alert> cleared = h.charger(burning(BEGINNING + 31 * 60 * SECOND, 0.0));
            assertThat(cleared).extracting(Alert::type, Alert::status)
                    .containsExactly(tuple(AlertType.STOP_UNCONFIRMED, AlertStatus.CLEARED));
            assertThat(h.newOutcomes()).extracting(StopOutcome::outcome).containsExactly("confirmed");
            assertThat(h.mapEntries(STATION, StopWatch.PENDING)).isZero();
        }
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> JobsConfig.of(Map.of("autoStop.confirmWithin", "0s")))
                .hasMessageContaining("autoStop.confirmWithin (ANJU_JOBS_AUTO_STOP_CONFIRM_WITHIN)");
        assertThatThrownBy(() -> JobsConfig.of(Map.of("autoStop.confirmBelowW", "-1")))
                .hasMessageContaining("autoStop.confirmBelowW").hasMessageContaining("must be between 0.0 and 1000.0");
        assertThatThrownBy(() -> JobsConfig.of(Map.of("autoStop.attempts", "0")))
                .hasMessageContaining("autoStop.attempts").hasMessageContaining("must be between 1 and 10");
    }
}
