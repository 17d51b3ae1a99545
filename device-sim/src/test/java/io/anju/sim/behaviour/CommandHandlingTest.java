package io.anju.sim.behaviour;

import io.anju.sim.clock.Scenario;
import io.anju.sim.fault.FaultKind;
import io.anju.sim.fault.FaultSpec;
import io.anju.sim.testing.Messages;
import io.anju.sim.testing.Messages.Msg;
import io.anju.sim.testing.TinyRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static io.anju.sim.testing.TinyRegistry.EVENING;
import static io.anju.sim.testing.TinyRegistry.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

class CommandHandlingTest {

    private static byte[] cmd(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static Msg reply(List<Msg> out) {
        return out.stream().filter(m -> m.on("command/reply")).findFirst().orElseThrow();
    }

    @Test
    void stopPort_setsThePortIdle_keepsItIdle_andRepliesOk_untilResumed() {
        long start = EVENING;
        ChargerBehaviour b = new ChargerBehaviour(TinyRegistry.charger(TinyRegistry.CHARGER), new Random(1),
                List.of(new FaultSpec(FaultKind.ILLEGAL_LOAD, TinyRegistry.CHARGER, 3, start, start + 60 * MINUTE, 900)),
                Scenario.EVENING, start);
        Messages.play(b, start + 5 * MINUTE);
        assertThat(b.portState(3)).isEqualTo("charging");

        Msg r = reply(Messages.parse(b.handleCommand(cmd(
                "{\"id\":\"c-1\",\"ts\":1,\"action\":\"stop_port\",\"port\":3,\"reason\":\"illegal load\"}"),
                start + 5 * MINUTE)));
        assertThat(r.topic()).isEqualTo("anju/v1/charger/chg-0001-1/command/reply");
        assertThat(r.json().get("id").asText()).isEqualTo("c-1");
        assertThat(r.json().get("result").asText()).isEqualTo("ok");
        assertThat(r.json().get("ts").asLong()).isEqualTo(start + 5 * MINUTE);
        assertThat(r.json().has("seq")).isTrue();
        assertThat(b.portState(3)).isEqualTo("idle");

        List<Msg> later = Messages.play(b, start + 15 * MINUTE);
        assertThat(later.stream().filter(m -> m.on("telemetry")))
                .allSatisfy(m -> assertThat(m.json().get("ports").get(2).get("powerW").asDouble()).isZero());

        Msg resumed = reply(Messages.parse(b.handleCommand(cmd(
                "{\"id\":\"c-2\",\"action\":\"resume_port\",\"port\":3}"), start + 15 * MINUTE)));
        assertThat(resumed.json().get("result").asText()).isEqualTo("ok");
        Messages.play(b, start + 16 * MINUTE);
        assertThat(b.portState(3)).isEqualTo("charging");
    }

    @Test
    void setPortLimit_capsThePower_andBadArgumentsAreRejected() {
        ChargerBehaviour b = new ChargerBehaviour(TinyRegistry.charger(TinyRegistry.CHARGER), new Random(1),
                List.of(new FaultSpec(FaultKind.ILLEGAL_LOAD, TinyRegistry.CHARGER, 1, EVENING, EVENING + 60 * MINUTE,
                        900)), Scenario.EVENING, EVENING);
        Msg ok = reply(Messages.parse(b.handleCommand(cmd(
                "{\"id\":\"a\",\"action\":\"set_port_limit\",\"port\":1,\"limitW\":500}"), EVENING)));
        assertThat(ok.json().get("result").asText()).isEqualTo("ok");
        List<Msg> tel = Messages.play(b, EVENING + 5 * MINUTE).stream().filter(m -> m.on("telemetry")).toList();
        assertThat(tel.get(tel.size() - 1).json().get("ports").get(0).get("powerW").asDouble()).isEqualTo(500.0);

        assertThat(reply(Messages.parse(b.handleCommand(cmd(
                "{\"id\":\"b\",\"action\":\"set_port_limit\",\"port\":1}"), EVENING))).json().get("result").asText())
                .isEqualTo("rejected");
        assertThat(reply(Messages.parse(b.handleCommand(cmd(
                "{\"id\":\"c\",\"action\":\"stop_port\",\"port\":13}"), EVENING))).json().get("result").asText())
                .isEqualTo("rejected");
    }

    @Test
    void unknownOrForeignActions_areRejected_rebootIsOk() {
        ChargerBehaviour charger = new ChargerBehaviour(TinyRegistry.charger(TinyRegistry.CHARGER), new Random(1),
                List.of(), Scenario.EVENING, EVENING);
        assertThat(reply(Messages.parse(charger.handleCommand(cmd("{\"id\":\"x\",\"action\":\"self_destruct\"}"),
                EVENING))).json().get("result").asText()).isEqualTo("rejected");
        assertThat(reply(Messages.parse(charger.handleCommand(cmd("{\"id\":\"y\",\"action\":\"open_gate\"}"),
                EVENING))).json().get("result").asText()).isEqualTo("rejected");
        List<Msg> reboot = Messages.parse(charger.handleCommand(cmd("{\"id\":\"z\",\"action\":\"reboot\"}"), EVENING));
        assertThat(reply(reboot).json().get("result").asText()).isEqualTo("ok");
        assertThat(reboot).anyMatch(m -> m.on("status") && m.json().get("state").asText().equals("online"));

        assertThat(charger.handleCommand(cmd("not json"), EVENING)).isEmpty();
    }

    @Test
    void openGate_opensRemotely_andStopPortIsRejectedByAGate() {
        GateBehaviour gate = new GateBehaviour(TinyRegistry.gate(), new Random(1), List.of(), Scenario.EVENING, EVENING);
        List<Msg> out = Messages.parse(gate.handleCommand(cmd("{\"id\":\"g\",\"action\":\"open_gate\"}"), EVENING));
        assertThat(reply(out).json().get("result").asText()).isEqualTo("ok");
        assertThat(out).anySatisfy(m -> {
            assertThat(m.on("event")).isTrue();
            assertThat(m.json().get("method").asText()).isEqualTo("remote");
        });
        assertThat(reply(Messages.parse(gate.handleCommand(cmd("{\"id\":\"h\",\"action\":\"stop_port\",\"port\":1}"),
                EVENING))).json().get("result").asText()).isEqualTo("rejected");
    }
}
