package io.anju.sim.payload;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.sim.behaviour.CameraBehaviour;
import io.anju.sim.behaviour.ChargerBehaviour;
import io.anju.sim.behaviour.CrowdBehaviour;
import io.anju.sim.behaviour.DeviceBehaviour;
import io.anju.sim.behaviour.GateBehaviour;
import io.anju.sim.clock.Scenario;
import io.anju.sim.fault.FaultKind;
import io.anju.sim.fault.FaultSpec;
import io.anju.sim.load.LoadPayloads;
import io.anju.sim.testing.Messages;
import io.anju.sim.testing.Messages.Msg;
import io.anju.sim.testing.TinyRegistry;
import io.anju.common.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static io.anju.sim.testing.TinyRegistry.EVENING;
import static io.anju.sim.testing.TinyRegistry.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

/** Every payload the simulator publishes uses exactly the field names and values of shared/device-protocol.md. */
class PayloadShapeTest {
    private static final Set<String> CHARGER_TELEMETRY = Set.of("ts", "seq", "mainsV", "ambientC", "smoke", "leakageMa", "ports");
    private static final Set<String> PORT = Set.of("no", "state", "voltageV", "currentA", "powerW", "energyWh", "tempC");
    private static final Set<String> PORT_STATES = Set.of("idle", "charging", "full", "fault");
    private static final Set<String> CHARGER_EVENT = Set.of("ts", "seq", "kind", "port", "value", "code");
    private static final Set<String> CHARGER_EVENT_KINDS = Set.of("overcurrent", "overtemp", "smoke", "leakage", "fuse",
            "full", "unplugged", "fault");
    private static final Set<String> GATE_EVENT = Set.of("ts", "seq", "kind", "direction", "method", "personType", "snapshotId");
    private static final Set<String> GATE_KINDS = Set.of("pass", "denied", "forced_open", "held_open", "tailgate");
    private static final Set<String> METHODS = Set.of("face", "card", "qr", "password", "remote");
    private static final Set<String> PERSON_TYPES = Set.of("resident", "visitor", "unknown", "watchlist");
    private static final Set<String> CROWD = Set.of("ts", "seq", "count", "inCount", "outCount", "intervalS");
    private static final Set<String> CAMERA_EVENT = Set.of("ts", "seq", "kind", "confidence", "bbox", "snapshotId");
    private static final Set<String> CAMERA_KINDS = Set.of("ebike_in_elevator", "smoke", "flame", "fire_lane_blocked",
            "intrusion", "gathering");
    private static final Set<String> STATUS = Set.of("ts", "seq", "state", "fw", "rssi");

    private static Set<String> fields(JsonNode n) {
        Set<String> names = new java.util.HashSet<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static void assertStatus(Msg m) {
        assertThat(fields(m.json())).isEqualTo(STATUS);
        assertThat(m.json().get("state").asText()).isIn("online", "offline");
    }

    private static List<Msg> playWithFaults(DeviceBehaviour b, long until) {
        return Messages.play(b, until);
    }

    @Test
    void chargerPayloads() {
        long f = EVENING + 10 * MINUTE;
        ChargerBehaviour b = new ChargerBehaviour(TinyRegistry.charger(TinyRegistry.CHARGER), new Random(1), List.of(
                new FaultSpec(FaultKind.THERMAL_RUNAWAY, TinyRegistry.CHARGER, 2, f, f + 30 * MINUTE, 4),
                new FaultSpec(FaultKind.PORT_OVERLOAD, TinyRegistry.CHARGER, 5, f, f + 5 * MINUTE, 1100)),
                Scenario.EVENING, EVENING);
        List<Msg> all = playWithFaults(b, EVENING + 6 * 60 * MINUTE);
        Set<String> eventKinds = new java.util.HashSet<>();
        for (Msg m : all) {
            assertThat(m.json().get("ts").isIntegralNumber()).isTrue();
            assertThat(m.json().get("seq").isIntegralNumber()).isTrue();
            if (m.on("telemetry")) {
                assertThat(fields(m.json())).isEqualTo(CHARGER_TELEMETRY);
                assertThat(m.json().get("ports")).hasSize(12).allSatisfy(p -> {
                    assertThat(fields(p)).isEqualTo(PORT);
                    assertThat(p.get("state").asText()).isIn(PORT_STATES);
                });
            } else if (m.on("event")) {
                assertThat(CHARGER_EVENT).containsAll(fields(m.json()));
                assertThat(m.json().get("kind").asText()).isIn(CHARGER_EVENT_KINDS);
                eventKinds.add(m.json().get("kind").asText());
            } else {
                assertThat(m.topic()).endsWith("/status");
                assertStatus(m);
            }
        }
        assertThat(eventKinds).contains("full", "overcurrent", "overtemp", "smoke", "leakage", "fault");
    }

    @Test
    void gateCrowdCameraAndStatusPayloads() {
        long at = EVENING + 2 * MINUTE;
        List<Msg> all = new ArrayList<>();
        all.addAll(playWithFaults(new GateBehaviour(TinyRegistry.gate(), new Random(1),
                List.of(new FaultSpec(FaultKind.FORCED_GATE, TinyRegistry.GATE, null, at, at + MINUTE, 0)),
                Scenario.EVENING, EVENING), EVENING + 60 * MINUTE));
        all.addAll(playWithFaults(new CrowdBehaviour(TinyRegistry.crowd(), TinyRegistry.zone(), new Random(1), List.of(),
                Scenario.EVENING, EVENING), EVENING + 10 * MINUTE));
        all.addAll(playWithFaults(new CameraBehaviour(TinyRegistry.camera(), new Random(1),
                List.of(new FaultSpec(FaultKind.EBIKE_ELEVATOR, TinyRegistry.CAMERA, null, at, at + MINUTE, 0)), EVENING),
                EVENING + 10 * MINUTE));
        assertThat(all).anyMatch(m -> m.topic().startsWith("anju/v1/gate/"))
                .anyMatch(m -> m.topic().startsWith("anju/v1/crowd/"))
                .anyMatch(m -> m.topic().startsWith("anju/v1/camera/"));
        for (Msg m : all) {
            if (m.topic().contains("/snapshot/")) {
                assertThat(m.bytes()).startsWith(0xFF, 0xD8, 0xFF);
            } else if (m.on("status")) {
                assertStatus(m);
            } else if (m.topic().startsWith("anju/v1/gate/")) {
                assertThat(GATE_EVENT).containsAll(fields(m.json()));
                assertThat(m.json().get("kind").asText()).isIn(GATE_KINDS);
                assertThat(m.json().get("direction").asText()).isIn("in", "out");
                if (m.json().has("method")) {
                    assertThat(m.json().get("method").asText()).isIn(METHODS);
                    assertThat(m.json().get("personType").asText()).isIn(PERSON_TYPES);
                }
            } else if (m.topic().startsWith("anju/v1/crowd/")) {
                assertThat(m.topic()).endsWith("/telemetry");
                assertThat(fields(m.json())).isEqualTo(CROWD);
            } else {
                assertThat(m.topic()).isEqualTo("anju/v1/camera/cam-0007-3/event");
                assertThat(fields(m.json())).isEqualTo(CAMERA_EVENT);
                assertThat(m.json().get("kind").asText()).isIn(CAMERA_KINDS);
            }
        }
    }

    @Test
    void willAndReply_carryTsAndSeq() throws Exception {
        ChargerBehaviour b = new ChargerBehaviour(TinyRegistry.charger(TinyRegistry.CHARGER), new Random(1), List.of(),
                Scenario.EVENING, EVENING);
        JsonNode will = Json.tree(b.willPayload(EVENING));
        b.reserveSeq(will.get("seq").asLong());
        assertThat(fields(will)).isEqualTo(STATUS);
        assertThat(will.get("state").asText()).isEqualTo("offline");
        Msg reply = Messages.parse(b.handleCommand("{\"id\":\"i\",\"action\":\"reboot\"}".getBytes(StandardCharsets.UTF_8),
                EVENING)).get(0);
        assertThat(fields(reply.json())).isEqualTo(Set.of("id", "ts", "seq", "result", "detail"));
        assertThat(reply.json().get("seq").asLong()).isEqualTo(will.get("seq").asLong() + 1);
    }

    @Test
    void loadPayloads_areProtocolShapedJson_aboutTwoHundredBytes() throws Exception {
        byte[] charger = LoadPayloads.build("charger", 1_764_378_000_000L, 1842);
        assertThat(charger.length).isBetween(180, 230);
        JsonNode c = Json.tree(charger);
        assertThat(fields(c)).isEqualTo(CHARGER_TELEMETRY);
        assertThat(c.get("seq").asLong()).isEqualTo(1842);
        assertThat(fields(Json.tree(LoadPayloads.build("crowd", 1L, 2L)))).isEqualTo(CROWD);
    }

    @Test
    void loadSnapshots_areJpegMarkedImagesOfTheSizeAsked_differentForEveryMessage() {
        byte[] first = LoadPayloads.snapshot("cam-1", 1, 4096);
        assertThat(first).hasSize(4096).startsWith(0xFF, 0xD8, 0xFF).endsWith(0xFF, 0xD9);
        assertThat(first).isNotEqualTo(LoadPayloads.snapshot("cam-1", 2, 4096))
                .isNotEqualTo(LoadPayloads.snapshot("cam-2", 1, 4096));
    }
}
