package io.anju.jobs.command;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.command.DeviceCommand;
import io.anju.common.json.Json;
import io.anju.common.model.LocationChain;
import io.anju.jobs.detect.DetectorSettings;
import io.anju.jobs.detect.DeviceHarness;
import io.anju.jobs.input.CaseCommand;
import io.anju.jobs.input.ChargerLimits;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.PortReading;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A stop a person sends for a case is watched by the charger's readings like an automatic one: confirmed by the first
 * newer reading of the port off, sent again when none comes in time, reported {@code stop_unconfirmed} after the last
 * attempt; every outcome names the case. A person's resume of the port ends the watch.
 */
class CaseStopWatchTest {
    private static final LocationChain CP42 = new LocationChain("sd-01", "c-01", "g-01", "cp-0042", null);
    private static final String STATION = "chg-1";
    private static final long BEGINNING = 1_764_378_000_000L;
    private static final long SECOND = 1_000;
    private static final long CASE_ID = 42;
    private static final String ALERT_ID = "alert-of-case-42";

    /** A calm station: port 1 at 194 W, port 2 drawing {@code port2W}, every temperature normal. */
    private static ChargerTelemetry charging(long ts, double port2W) {
        return new ChargerTelemetry(STATION, ts, CP42, 228.0, 24.0, false, 2.0,
                List.of(new PortReading(1, "charging", 48.5, 4.0, 194.0, 100, 30.0),
                        new PortReading(2, port2W > 10 ? "charging" : "idle", 48.5, port2W / 48.5, port2W, 100, 31.0)),
                ChargerLimits.DEFAULTS);
    }

    /** The case service's command: its time is the service's wall clock, not the district's. */
    private static CaseCommand person(String id, String action) {
        return new CaseCommand(STATION, id, System.currentTimeMillis(), action, 2, ALERT_ID, CASE_ID, 60_000);
    }

    private static DeviceHarness detectors() throws Exception {
        return DeviceHarness.open(DetectorSettings.defaults().withStopConfirm(StopConfirmSettings.defaults()),
                AlertType.STOP_UNCONFIRMED);
    }

    @Test
    void aPersonsStop_isConfirmedByTheFirstNewerReadingOfThePortOff_inTheCasesName_andLeavesNoState() throws Exception {
        try (DeviceHarness h = detectors()) {
            h.charger(charging(BEGINNING, 950.0));
            h.caseCommand(person("person-stop-1", CaseCommand.STOP_PORT));
            h.delivered(STATION, "person-stop-1", BEGINNING + 2 * SECOND);
            assertThat(h.newCommands()).as("the person's command is already sent: nothing to send").isEmpty();
            assertThat(h.mapEntries(STATION, StopWatch.PEOPLES)).isEqualTo(1);
            assertThat(h.mapEntries(STATION, StopWatch.PENDING)).as("not an automatic stop").isZero();

            h.charger(charging(BEGINNING + 5 * SECOND, 940.0));
            assertThat(h.newOutcomes()).as("still drawing, within the bound").isEmpty();
            h.charger(charging(BEGINNING + 10 * SECOND, 2.0));
            assertThat(h.newOutcomes()).singleElement().satisfies(o -> {
                assertThat(o.outcome()).isEqualTo("confirmed");
                assertThat(o.commandId()).isEqualTo("person-stop-1");
                assertThat(o.caseId()).isEqualTo(CASE_ID);
                assertThat(o.alertId()).isEqualTo(ALERT_ID);
                assertThat(o.port()).isEqualTo(2);
                assertThat(o.attempt()).isEqualTo(1);
                assertThat(o.powerW()).isEqualTo(2.0);
                assertThat(o.at()).isEqualTo(BEGINNING + 10 * SECOND);
            });
            assertThat(h.stops()).as("the cap passes a person's stop on untouched").allMatch(StopEvent::byPerson);
            assertThat(h.mapEntries(STATION, StopWatch.PEOPLES)).as("nothing left behind").isZero();
            h.watermark(BEGINNING + 10 * 60 * SECOND);
            assertThat(h.newCommands()).as("no retry after it was confirmed").isEmpty();
            assertThat(h.all()).isEmpty();
        }
    }

    @Test
    void aPersonsStopNotSeenInTime_isRetried_thenReportedUnconfirmed_andAReadingOfThePortOffClearsIt()
            throws Exception {
        try (DeviceHarness h = detectors()) {
            h.charger(charging(BEGINNING, 950.0));
            h.caseCommand(person("person-stop-2", CaseCommand.STOP_PORT));
            h.delivered(STATION, "person-stop-2", BEGINNING + SECOND);
            h.charger(charging(BEGINNING + 170 * SECOND, 950.0));
            h.watermark(BEGINNING + 60 * SECOND - 1);
            assertThat(h.newCommands()).as("one millisecond before the bound").isEmpty();
            h.watermark(BEGINNING + 60 * SECOND);
            h.watermark(BEGINNING + 120 * SECOND);
            List<DeviceCommand> retries = h.newCommands();
            assertThat(retries).extracting(DeviceCommand::port, DeviceCommand::alertId)
                    .containsExactly(tuple(2, ALERT_ID), tuple(2, ALERT_ID));
            assertThat(retries.get(0).id()).isNotEqualTo("person-stop-2").isNotEqualTo(retries.get(1).id());
            assertThat(retries.get(0).id()).as("derived from the person's command: a replay sends the same")
                    .isEqualTo(StopPortCommands.retryOf("person-stop-2", CASE_ID, ALERT_ID, STATION, 2, 0, 0, 2).id());
            assertThat(retries.get(1).reason()).isEqualTo("case 42, attempt 3");
            assertThat(CaseCommand.decode(STATION.getBytes(StandardCharsets.UTF_8), Json.toBytes(retries.get(0))))
                    .as("a retry names no case: read back from anju.commands it is not watched again").isNull();
            assertThat(h.all()).isEmpty();

            List<Alert> raised = h.watermark(BEGINNING + 180 * SECOND);
            assertThat(raised).singleElement().satisfies(a -> {
                assertThat(a.type()).isEqualTo(AlertType.STOP_UNCONFIRMED);
                assertThat(a.status()).isEqualTo(AlertStatus.RAISED);
                assertThat(a.summary()).contains("after 3 attempts").contains("still 950 W");
                assertThat(a.location()).as("learnt from the charger's readings").isEqualTo(CP42);
            });
            assertThat(h.newOutcomes()).extracting(StopOutcome::outcome, StopOutcome::attempt, StopOutcome::caseId)
                    .containsExactly(tuple("retried", 2, CASE_ID), tuple("retried", 3, CASE_ID),
                            tuple("unconfirmed", 3, CASE_ID));
            h.watermark(BEGINNING + 30 * 60 * SECOND);
            assertThat(h.newCommands()).as("no fourth attempt").isEmpty();

            assertThat(h.charger(charging(BEGINNING + 31 * 60 * SECOND, 0.0)))
                    .extracting(Alert::type, Alert::status)
                    .containsExactly(tuple(AlertType.STOP_UNCONFIRMED, AlertStatus.CLEARED));
            assertThat(h.newOutcomes()).extracting(StopOutcome::outcome).containsExactly("confirmed");
            assertThat(h.mapEntries(STATION, StopWatch.PEOPLES)).isZero();
        }
    }

    @Test
    void aPersonsResumeOfThePort_endsTheWatch_andClearsItsStopUnconfirmed() throws Exception {
        try (DeviceHarness h = detectors()) {
            h.charger(charging(BEGINNING, 950.0));
            h.caseCommand(person("person-stop-3", CaseCommand.STOP_PORT));
            h.charger(charging(BEGINNING + 5 * SECOND, 950.0));
            h.caseCommand(person("person-resume-3", CaseCommand.RESUME_PORT));
            assertThat(h.newOutcomes()).singleElement().satisfies(o -> {
                assertThat(o.outcome()).isEqualTo(StopOutcome.RESUMED);
                assertThat(o.commandId()).isEqualTo("person-stop-3");
                assertThat(o.caseId()).isEqualTo(CASE_ID);
                assertThat(o.detail()).contains("person-resume-3");
            });
            assertThat(h.mapEntries(STATION, StopWatch.PEOPLES)).isZero();
            h.watermark(BEGINNING + 10 * 60 * SECOND);
            assertThat(h.newCommands()).as("a resumed port is not stopped again").isEmpty();
            assertThat(h.newOutcomes()).isEmpty();

            h.caseCommand(person("person-stop-4", CaseCommand.STOP_PORT));
            h.charger(charging(BEGINNING + 11 * 60 * SECOND, 950.0));
            for (int minute = 11; minute <= 14; minute++) {
                h.watermark(BEGINNING + minute * 60 * SECOND);
            }
            assertThat(h.all()).extracting(Alert::status).containsExactly(AlertStatus.RAISED);
            h.caseCommand(person("person-resume-4", CaseCommand.RESUME_PORT));
            assertThat(h.all()).extracting(Alert::status).containsExactly(AlertStatus.RAISED, AlertStatus.CLEARED);
            assertThat(h.map(STATION, StopWatch.PEOPLES)).isEmpty();
        }
    }

    @Test
    void aCommandReadLongAfterItsTtl_isHistory_andNotWatched() throws Exception {
        try (DeviceHarness h = detectors()) {
            h.charger(charging(BEGINNING, 950.0));
            h.caseCommand(new CaseCommand(STATION, "old", System.currentTimeMillis() - 60 * 60 * SECOND,
                    CaseCommand.STOP_PORT, 2, ALERT_ID, CASE_ID, 60_000));
            assertThat(h.mapEntries(STATION, StopWatch.PEOPLES)).isZero();
        }
    }

    @Test
    void onlyAPersonsStopOrResumeNamingItsCase_isReadFromTheCommandsTopic() {
        byte[] key = STATION.getBytes(StandardCharsets.UTF_8);
        String person = "{\"id\":\"0b7e\",\"ts\":1764378060000,\"action\":\"stop_port\",\"port\":3,\"reason\":\"case "
                + "LH-1 by chen.hui\",\"alertId\":\"9d2\",\"caseId\":42,\"ttlMs\":60000}";
        assertThat(CaseCommand.decode(key, person.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new CaseCommand(STATION, "0b7e", 1_764_378_060_000L, "stop_port", 3, "9d2", 42, 60_000));
        DeviceCommand automatic = StopPortCommands.forAlert("9d2", STATION, 3, BEGINNING, 60_000);
        assertThat(CaseCommand.decode(key, Json.toBytes(automatic))).as("the job's own").isNull();
        assertThat(CaseCommand.decode(key, person.replace("stop_port", "reboot").getBytes(StandardCharsets.UTF_8)))
                .isNull();
        assertThat(CaseCommand.decode(key, "not json".getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
