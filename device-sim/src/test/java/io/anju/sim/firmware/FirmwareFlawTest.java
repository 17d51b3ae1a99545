package io.anju.sim.firmware;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.sim.behaviour.Behaviours;
import io.anju.sim.behaviour.DeviceBehaviour;
import io.anju.sim.clock.Scenario;
import io.anju.sim.fault.ClockFault;
import io.anju.sim.fault.FaultPlan;
import io.anju.sim.link.Backoff;
import io.anju.sim.testing.Messages;
import io.anju.sim.testing.Messages.Msg;
import io.anju.sim.testing.TinyRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static io.anju.sim.testing.TinyRegistry.CHARGER;
import static io.anju.sim.testing.TinyRegistry.CHARGER_2;
import static io.anju.sim.testing.TinyRegistry.CROWD;
import static io.anju.sim.testing.TinyRegistry.EVENING;
import static io.anju.sim.testing.TinyRegistry.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each flaw breaks the protocol as the conformance kit must notice, and nothing else; unflawed devices are untouched. */
class FirmwareFlawTest {
    private static final long HOUR = 60 * MINUTE;
    private static final Behaviours BEHAVIOURS = new Behaviours(TinyRegistry.registry(), 3, Scenario.EVENING,
            FaultPlan.none());

    /** A device as the run builds it: its behaviour model with the run's flaws applied. */
    private static DeviceBehaviour device(String id, Flaws flaws) {
        DeviceBehaviour b = BEHAVIOURS.create(TinyRegistry.registry().device(id).orElseThrow(), EVENING);
        flaws.applyTo(b);
        return b;
    }

    private static Flaws flaw(String id, FirmwareFlaw flaw) {
        return new Flaws(List.of(new DeviceFlaw(id, flaw)));
    }

    private static List<Msg> telemetry(List<Msg> messages) {
        return messages.stream().filter(m -> m.on("telemetry")).toList();
    }

    @Test
    void wrongUnits_chargerSendsMillivoltsAndTenthsOfADegree_sameReadingsOtherwise() {
        List<Msg> right = telemetry(Messages.play(device(CHARGER, new Flaws(List.of())), EVENING + HOUR));
        List<Msg> wrong = telemetry(Messages.play(device(CHARGER, flaw(CHARGER, FirmwareFlaw.WRONG_UNITS)),
                EVENING + HOUR));
        assertThat(wrong).hasSameSizeAs(right).isNotEmpty();
        boolean sawCharging = false;
        for (int i = 0; i < right.size(); i++) {
            JsonNode r = right.get(i).json();
            JsonNode w = wrong.get(i).json();
            assertThat(w.get("ts")).isEqualTo(r.get("ts"));
            assertThat(w.get("seq")).isEqualTo(r.get("seq"));
            assertThat(r.get("mainsV").asDouble()).isBetween(215.0, 240.0);
            assertThat(w.get("mainsV").asDouble()).isEqualTo(Math.round(r.get("mainsV").asDouble() * 1000));
            assertThat(w.get("ambientC").asDouble()).isEqualTo(Math.round(r.get("ambientC").asDouble() * 10));
            assertThat(w.get("leakageMa")).isEqualTo(r.get("leakageMa"));
            for (int p = 0; p < r.get("ports").size(); p++) {
                JsonNode rp = r.get("ports").get(p);
                JsonNode wp = w.get("ports").get(p);
                sawCharging |= rp.get("voltageV").asDouble() > 0;
                assertThat(wp.get("voltageV").asDouble()).isEqualTo(Math.round(rp.get("voltageV").asDouble() * 1000));
                assertThat(wp.get("tempC").asDouble()).isEqualTo(Math.round(rp.get("tempC").asDouble() * 10));
                assertThat(wp.get("powerW")).isEqualTo(rp.get("powerW"));
                assertThat(wp.get("state")).isEqualTo(rp.get("state"));
            }
        }
        assertThat(sawCharging).as("an evening hour has a charging port to read a voltage from").isTrue();
    }

    @Test
    void wrongUnits_crowdCounterSendsItsIntervalInMilliseconds() {
        List<Msg> wrong = telemetry(Messages.play(device(CROWD, flaw(CROWD, FirmwareFlaw.WRONG_UNITS)),
                EVENING + 10 * MINUTE));
        assertThat(wrong).isNotEmpty()
                .allSatisfy(m -> assertThat(m.json().get("intervalS").asInt()).isEqualTo(10_000));
    }

    @Test
    void wrongUnits_isRefusedForADeviceWithoutUnits() {
        assertThatThrownBy(() -> device(TinyRegistry.GATE, flaw(TinyRegistry.GATE, FirmwareFlaw.WRONG_UNITS)))
                .hasMessageContaining("wrong_units").hasMessageContaining("gate");
    }

    @Test
    void noHeartbeat_sendsNoPeriodicStatusForAnHour_butStillAnnouncesItselfOnConnect() {
        DeviceBehaviour right = device(CHARGER, new Flaws(List.of()));
        DeviceBehaviour silent = device(CHARGER, flaw(CHARGER, FirmwareFlaw.NO_HEARTBEAT));
        assertThat(Messages.play(right, EVENING + HOUR).stream().filter(m -> m.on("status")))
                .hasSizeBetween(39, 41);
        List<Msg> flawed = Messages.play(silent, EVENING + HOUR);
        assertThat(flawed.stream().filter(m -> m.on("status"))).isEmpty();
        assertThat(telemetry(flawed)).isNotEmpty();
        assertThat(Messages.parse(List.of(silent.onlineStatus(EVENING + HOUR))).get(0).json().get("state").asText())
                .isEqualTo("online");
    }

    @Test
    void wrongReplyId_answersWithAnotherUuid_correctDeviceWithTheCommands() {
        byte[] command = ("{\"id\":\"6f1c3a52-1b8e-4a57-9b8e-2f2d7b9f0c11\",\"ts\":1,\"action\":\"stop_port\","
                + "\"port\":2}").getBytes(StandardCharsets.UTF_8);
        JsonNode right = reply(device(CHARGER, new Flaws(List.of())), command);
        JsonNode wrong = reply(device(CHARGER, flaw(CHARGER, FirmwareFlaw.WRONG_REPLY_ID)), command);
        assertThat(right.get("id").asText()).isEqualTo("6f1c3a52-1b8e-4a57-9b8e-2f2d7b9f0c11");
        assertThat(wrong.get("id").asText()).isNotEqualTo(right.get("id").asText());
        assertThat(UUID.fromString(wrong.get("id").asText())).isNotNull();
        assertThat(wrong.get("result")).isEqualTo(right.get("result"));
    }

    private static JsonNode reply(DeviceBehaviour b, byte[] command) {
        return Messages.parse(b.handleCommand(command, EVENING + MINUTE)).stream()
                .filter(m -> m.on("command/reply")).findFirst().orElseThrow().json();
    }

    @Test
    void noBackoff_reconnectsEvery200msWithoutGrowthOrJitter_othersKeepTheirBackoff() {
        Backoff correct = new Backoff(Backoff.DEFAULT_BASE_MS, Backoff.DEFAULT_CAP_MS, new Random(1));
        Flaws flaws = flaw(CHARGER, FirmwareFlaw.NO_BACKOFF);
        Backoff flawed = flaws.backoff(CHARGER, correct);
        for (int attempt = 0; attempt < 30; attempt++) {
            assertThat(flawed.delayMs(attempt)).isEqualTo(FirmwareFlaw.RECONNECT_MS);
        }
        assertThat(flaws.backoff(CHARGER_2, correct)).isSameAs(correct);
        assertThat(correct.ceilingMs(5)).isEqualTo(32_000);
    }

    @Test
    void clock10MinOff_stampsTenMinutesAhead_andCannotBeCombinedWithAClockFault() {
        Flaws flaws = flaw(CHARGER, FirmwareFlaw.CLOCK_10_MIN_OFF);
        ClockFault clock = flaws.clockFault(CHARGER, null);
        byte[] stamped = clock.stamp("{\"ts\":1764378000000,\"seq\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(stamped, StandardCharsets.UTF_8)).contains("\"ts\":" + (1764378000000L + 600_000));
        assertThat(flaws.clockFault(CHARGER_2, null)).isNull();
        ClockFault configured = ClockFault.ahead(CHARGER, 24 * HOUR);
        assertThat(flaws.clockFault(CHARGER_2, ClockFault.ahead(CHARGER_2, HOUR))).isEqualTo(ClockFault.ahead(CHARGER_2, HOUR));
        assertThatThrownBy(() -> flaws.clockFault(CHARGER, configured)).hasMessageContaining("--clock-fault")
                .hasMessageContaining("clock_10_min_off");
    }

    @Test
    void aDeviceWithoutAFlaw_sendsExactlyWhatItWouldInARunWithoutFlaws() {
        Flaws everyFlawOnTheOther = new Flaws(List.of(FirmwareFlaw.values()).stream()
                .map(f -> new DeviceFlaw(CHARGER, f)).toList());
        List<Msg> inFlawedRun = Messages.play(device(CHARGER_2, everyFlawOnTheOther), EVENING + HOUR);
        List<Msg> alone = Messages.play(device(CHARGER_2, new Flaws(List.of())), EVENING + HOUR);
        assertThat(inFlawedRun).hasSameSizeAs(alone);
        for (int i = 0; i < alone.size(); i++) {
            assertThat(inFlawedRun.get(i).bytes()).isEqualTo(alone.get(i).bytes());
        }
    }

    @Test
    void flawNames_areCaseInsensitive_andABadOneNamesTheOptionAndTheChoices() {
        assertThat(DeviceFlaw.parse("chg-1=no_heartbeat")).isEqualTo(new DeviceFlaw("chg-1", FirmwareFlaw.NO_HEARTBEAT));
        assertThat(DeviceFlaw.parse("chg-1=Clock_10_Min_Off").flaw()).isEqualTo(FirmwareFlaw.CLOCK_10_MIN_OFF);
        assertThatThrownBy(() -> DeviceFlaw.parse("chg-1=slow")).hasMessageContaining("--flaw")
                .hasMessageContaining("wrong_units, no_heartbeat, no_backoff, wrong_reply_id, clock_10_min_off");
        assertThatThrownBy(() -> DeviceFlaw.parse("no_heartbeat")).hasMessageContaining("--flaw")
                .hasMessageContaining("DEVICE=FLAW");
    }

    @Test
    void aFlawForADeviceNotPlayed_isRefused() {
        assertThatThrownBy(() -> flaw("chg-9999", FirmwareFlaw.NO_BACKOFF).requirePlayed(List.of(CHARGER)))
                .hasMessageContaining("--flaw").hasMessageContaining("chg-9999");
    }
}
