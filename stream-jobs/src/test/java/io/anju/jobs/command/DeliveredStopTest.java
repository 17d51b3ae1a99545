package io.anju.jobs.command;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.command.DeviceCommand;
import io.anju.common.model.LocationChain;
import io.anju.jobs.detect.DetectorSettings;
import io.anju.jobs.detect.DeviceHarness;
import io.anju.jobs.input.CaseCommand;
import io.anju.jobs.input.ChargerLimits;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.PortReading;
import io.anju.jobs.input.StopDelivery;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A stop is confirmed only by a reading the gateway received after it delivered the stop to the charger: a job behind
 * its input still has readings to come from before the stop reached the charger, and they may show the port off from
 * an earlier stop. The gateway's report and the readings come on two topics, in either order. The harness's readings
 * are received at their own device time; the reports' times are on the same (gateway) clock.
 */
class DeliveredStopTest {
    private static final LocationChain CP42 = new LocationChain("sd-01", "c-01", "g-01", "cp-0042", null);
    private static final String STATION = "chg-1";
    private static final long BEGINNING = 1_764_378_000_000L;
    private static final long SECOND = 1_000;
    private static final long MINUTE = 60 * SECOND;
    private static final long CASE_ID = 42;

    /** Port 2 red (66 °C, smoke, 35 mA leakage) drawing {@code port2W}: the job stops it. */
    private static ChargerTelemetry burning(long ts, double port2W) {
        return station(ts, true, 35.0, 66.0, port2W);
    }

    /** A calm station, port 2 drawing {@code port2W}. */
    private static ChargerTelemetry calm(long ts, double port2W) {
        return station(ts, false, 2.0, 31.0, port2W);
    }

    private static ChargerTelemetry station(long ts, boolean smoke, double leakageMa, double port2C, double port2W) {
        return new ChargerTelemetry(STATION, ts, CP42, 228.0, 24.0, smoke, leakageMa,
                List.of(new PortReading(1, "charging", 48.5, 4.0, 194.0, 100, 30.0),
                        new PortReading(2, port2W > 10 ? "charging" : "idle", 48.5, port2W / 48.5, port2W, 100,
                                port2C)),
                ChargerLimits.DEFAULTS);
    }

    private static CaseCommand person(String id, String action) {
        return new CaseCommand(STATION, id, System.currentTimeMillis(), action, 2, "alert-of-case-42", CASE_ID, 60_000);
    }

    private static DeviceHarness detectors(OperatorSubtaskState from) throws Exception {
        return DeviceHarness.restored(DetectorSettings.defaults().withStopConfirm(StopConfirmSettings.defaults()), from,
                AlertType.STOP_UNCONFIRMED);
    }

    @Test
    void reportFirst_aReadingOfThePortOffFromBeforeTheDelivery_doesNotConfirm_aLaterOneDoes() throws Exception {
        try (DeviceHarness h = detectors(null)) {
            h.charger(burning(BEGINNING, 194.0));
            DeviceCommand stop = h.newCommands().get(0);
            h.delivered(STATION, stop.id(), BEGINNING + 7 * SECOND);

            h.charger(burning(BEGINNING + 5 * SECOND, 0.0));
            assertThat(h.newOutcomes()).as("newer than the stop, but received before it reached the charger")
                    .isEmpty();
            h.charger(burning(BEGINNING + 10 * SECOND, 0.0));
            assertThat(h.newOutcomes()).extracting(StopOutcome::outcome, StopOutcome::commandId, StopOutcome::at)
                    .containsExactly(tuple("confirmed", stop.id(), BEGINNING + 10 * SECOND));
            assertThat(h.mapEntries(STATION, StopWatch.PENDING)).isZero();
            assertThat(h.mapEntries(STATION, StopDeliveries.DESCRIPTOR)).isZero();
        }
    }

    @Test
    void readingsFirst_aStaleReadingOfThePortOff_isNotConfirmedByTheReport_aReadingAfterTheDeliveryIs()
            throws Exception {
        try (DeviceHarness h = detectors(null)) {
            h.charger(burning(BEGINNING, 194.0));
            DeviceCommand stop = h.newCommands().get(0);
            h.charger(burning(BEGINNING + 5 * SECOND, 0.0));
            assertThat(h.newOutcomes()).as("no report yet: no confirmation").isEmpty();
            h.delivered(STATION, stop.id(), BEGINNING + 7 * SECOND);
            assertThat(h.newOutcomes()).as("the reading was received before the delivery").isEmpty();

            h.charger(burning(BEGINNING + 10 * SECOND, 0.0));
            assertThat(h.newOutcomes()).extracting(StopOutcome::outcome, StopOutcome::at)
                    .containsExactly(tuple("confirmed", BEGINNING + 10 * SECOND));
        }
    }

    @Test
    void aReadingAfterTheDelivery_readBeforeTheReport_isConfirmedWhenTheReportComes() throws Exception {
        try (DeviceHarness h = detectors(null)) {
            h.charger(burning(BEGINNING, 194.0));
            DeviceCommand stop = h.newCommands().get(0);
            h.charger(burning(BEGINNING + 10 * SECOND, 3.0));
            assertThat(h.newOutcomes()).isEmpty();

            h.delivered(STATION, stop.id(), BEGINNING + 7 * SECOND);
            assertThat(h.newOutcomes()).extracting(StopOutcome::outcome, StopOutcome::powerW, StopOutcome::at)
                    .containsExactly(tuple("confirmed", 3.0, BEGINNING + 10 * SECOND));
            assertThat(h.mapEntries(STATION, StopWatch.PENDING)).isZero();
        }
    }

    @Test
    void withoutADeliveryReport_readingsOfThePortOffConfirmNothing_theStopIsRetriedAndReportedUnconfirmed()
            throws Exception {
        try (DeviceHarness h = detectors(null)) {
            h.charger(burning(BEGINNING, 194.0));
            h.newCommands();
            for (long s = 5; s <= 175; s += 5) {
                h.charger(burning(BEGINNING + s * SECOND, 0.0));
            }
            h.watermark(BEGINNING + 180 * SECOND);
            assertThat(h.newOutcomes()).extracting(StopOutcome::outcome)
                    .containsExactly("retried", "retried", "unconfirmed");
            assertThat(h.all()).extracting(Alert::type, Alert::status)
                    .containsExactly(tuple(AlertType.STOP_UNCONFIRMED, AlertStatus.RAISED));
        }
    }

    @Test
    void aRetry_isConfirmedByReadingsAfterItsOwnDelivery_notByStaleOnes() throws Exception {
        try (DeviceHarness h = detectors(null)) {
            h.charger(burning(BEGINNING, 194.0));
            h.newCommands();
            h.watermark(BEGINNING + 60 * SECOND);
            DeviceCommand retry = h.newCommands().get(0);
            h.newOutcomes();
            h.delivered(STATION, retry.id(), BEGINNING + 64 * SECOND);
            h.charger(burning(BEGINNING + 62 * SECOND, 0.0));
            assertThat(h.newOutcomes()).as("received before the retry was delivered").isEmpty();
            h.charger(burning(BEGINNING + 66 * SECOND, 0.0));
            assertThat(h.newOutcomes()).extracting(StopOutcome::outcome, StopOutcome::commandId,
                    StopOutcome::attempt).containsExactly(tuple("confirmed", retry.id(), 2));
        }
    }

    /**
     * The defect this guards against: a person stops a port (confirmed), resumes it, and stops it again; the job,
     * behind its input, still has readings to come from while the port was off after the first stop. The second stop
     * never reaches the charger: those readings must not report it done.
     */
    @Test
    void aStopAfterAResume_isNotConfirmedByReadingsOfThePortOffFromBeforeItWasDelivered() throws Exception {
        try (DeviceHarness h = detectors(null)) {
            h.charger(calm(BEGINNING, 950.0));
            h.caseCommand(person("stop-1", CaseCommand.STOP_PORT));
            h.delivered(STATION, "stop-1", BEGINNING + 2 * SECOND);
            h.charger(calm(BEGINNING + 5 * SECOND, 0.0));
            assertThat(h.newOutcomes()).extracting(StopOutcome::outcome).containsExactly("confirmed");

            h.caseCommand(person("resume-1", CaseCommand.RESUME_PORT));
            h.caseCommand(person("stop-2", CaseCommand.STOP_PORT));
            for (long s = 10; s <= 55; s += 5) {
                h.charger(calm(BEGINNING + s * SECOND, 0.0)); // still off from the first stop: the resume is on its way
            }
            assertThat(h.newOutcomes()).as("stop-2 was never delivered").isEmpty();
            h.charger(calm(BEGINNING + 4 * MINUTE, 950.0));
            h.watermark(BEGINNING + 4 * MINUTE);
            assertThat(h.newOutcomes()).extracting(StopOutcome::outcome, StopOutcome::caseId)
                    .containsExactly(tuple("retried", CASE_ID), tuple("retried", CASE_ID),
                            tuple("unconfirmed", CASE_ID));
        }
    }

    @Test
    void aWatchedStopAndItsDelivery_surviveARestore_andTheNextReadingConfirmsIt() throws Exception {
        OperatorSubtaskState snapshot;
        String stopId;
        try (DeviceHarness h = detectors(null)) {
            h.charger(burning(BEGINNING, 194.0));
            stopId = h.newCommands().get(0).id();
            h.delivered(STATION, stopId, BEGINNING + 7 * SECOND);
            snapshot = h.snapshot(1, BEGINNING);
        }
        try (DeviceHarness h = detectors(snapshot)) {
            h.charger(burning(BEGINNING + 5 * SECOND, 0.0));
            assertThat(h.newOutcomes()).as("restored with its delivery time: a stale reading is still stale")
                    .isEmpty();
            h.charger(burning(BEGINNING + 10 * SECOND, 0.0));
            assertThat(h.newOutcomes()).extracting(StopOutcome::outcome, StopOutcome::commandId)
                    .containsExactly(tuple("confirmed", stopId));
        }
    }

    @Test
    void aReportReadBeforeItsStop_waits_evenOverARestore_andCountsWhenThePersonsStopArrives() throws Exception {
        OperatorSubtaskState snapshot;
        try (DeviceHarness h = detectors(null)) {
            h.charger(calm(BEGINNING, 950.0));
            h.delivered(STATION, "stop-early", BEGINNING + 2 * SECOND);
            assertThat(h.mapEntries(STATION, StopDeliveries.DESCRIPTOR)).isEqualTo(1);
            snapshot = h.snapshot(1, BEGINNING);
        }
        try (DeviceHarness h = detectors(snapshot)) {
            h.caseCommand(person("stop-early", CaseCommand.STOP_PORT));
            assertThat(h.mapEntries(STATION, StopDeliveries.DESCRIPTOR)).as("taken by the watch").isZero();
            h.charger(calm(BEGINNING + 5 * SECOND, 0.0));
            assertThat(h.newOutcomes()).extracting(StopOutcome::outcome, StopOutcome::commandId)
                    .containsExactly(tuple("confirmed", "stop-early"));
        }
    }

    @Test
    void onlyAGatewaysDeliveredReportOfAStop_isReadFromTheCommandResultsTopic() {
        byte[] key = STATION.getBytes(StandardCharsets.UTF_8);
        String delivered = "{\"kind\":\"delivery\",\"commandId\":\"6f1c\",\"alertId\":\"9d2\",\"action\":\"stop_port\","
                + "\"deviceId\":\"chg-1\",\"outcome\":\"delivered\",\"gateway\":\"gw-2\",\"at\":1764378000210,"
                + "\"receivedAt\":1764300000210}";
        assertThat(decode(key, delivered)).as("on the receive clock, not at")
                .isEqualTo(new StopDelivery(STATION, "6f1c", "gw-2", 1_764_300_000_210L));
        assertThat(decode(key, delivered.replace("\"delivered\"", "\"held\""))).as("not delivered").isNull();
        assertThat(decode(key, delivered.replace("stop_port", "resume_port"))).as("not a stop").isNull();
        assertThat(decode(key, delivered.replace(",\"receivedAt\":1764300000210", "")))
                .as("a gateway that does not stamp its receive clock").isNull();
        assertThat(decode(key, "{\"kind\":\"confirmation\",\"commandId\":\"6f1c\",\"outcome\":\"confirmed\"}"))
                .as("the job's own").isNull();
        assertThat(decode(key, "{\"deviceId\":\"chg-1\",\"channel\":\"command/reply\",\"payload\":{}}"))
                .as("a device's reply").isNull();
        assertThat(decode(key, "not json")).isNull();
    }

    private static StopDelivery decode(byte[] key, String value) {
        return StopDelivery.decode(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
