package io.anju.sim.behaviour;

import io.anju.sim.clock.Scenario;
import io.anju.sim.fault.FaultKind;
import io.anju.sim.fault.FaultSpec;
import io.anju.sim.testing.Messages;
import io.anju.sim.testing.Messages.Msg;
import io.anju.sim.testing.TinyRegistry;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;

import static io.anju.sim.testing.TinyRegistry.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

class GateAndCameraTest {
    private static final long MORNING = TinyRegistry.at(2026, 11, 28, 7, 30);

    @Test
    void gateTraffic_followsTheDay_mostlyPasses_byResidentsAndVisitors() {
        GateBehaviour rush = new GateBehaviour(TinyRegistry.gate(), new Random(2), List.of(), Scenario.EVENING, MORNING);
        List<Msg> rushEvents = Messages.play(rush, MORNING + 60 * MINUTE).stream().filter(m -> m.on("event")).toList();
        long night = TinyRegistry.at(2026, 11, 28, 2, 0);
        GateBehaviour quiet = new GateBehaviour(TinyRegistry.gate(), new Random(2), List.of(), Scenario.EVENING, night);
        List<Msg> nightEvents = Messages.play(quiet, night + 60 * MINUTE).stream().filter(m -> m.on("event")).toList();

        assertThat(rushEvents.size()).isGreaterThan(25).isGreaterThan(nightEvents.size() * 5);
        long passes = rushEvents.stream().filter(m -> m.json().get("kind").asText().equals("pass")).count();
        assertThat(passes).isGreaterThan(rushEvents.size() * 8L / 10);
        assertThat(rushEvents).anyMatch(m -> m.json().get("personType").asText().equals("resident"));
        // Morning rush: more people leave than come in.
        long out = rushEvents.stream().filter(m -> m.json().get("direction").asText().equals("out")).count();
        assertThat(out).isGreaterThan(rushEvents.size() / 2);
    }

    @Test
    void forcedGate_publishesASnapshot_thenAForcedOpenEventReferencingIt() {
        long at = MORNING + 10 * MINUTE + 500;
        GateBehaviour gate = new GateBehaviour(TinyRegistry.gate(), new Random(2),
                List.of(new FaultSpec(FaultKind.FORCED_GATE, TinyRegistry.GATE, null, at, at + MINUTE, 0)),
                Scenario.EVENING, MORNING);
        List<Msg> all = Messages.play(gate, MORNING + 20 * MINUTE);
        Msg forced = all.stream().filter(m -> m.on("event") && m.json().get("kind").asText().equals("forced_open"))
                .findFirst().orElseThrow();
        String snapshotId = forced.json().get("snapshotId").asText();
        assertThat(all.indexOf(forced)).isPositive();
        assertThat(all.get(all.indexOf(forced) - 1).topic())
                .isEqualTo("anju/v1/gate/gate-0007-2/snapshot/" + snapshotId);
        assertThat(snapshotId).matches("[A-Za-z0-9_-]{1,64}");
    }

    @Test
    void ebikeInElevator_isSeenTwiceWithin5s_eachWithADecodableJpeg() throws IOException {
        long at = MORNING + 5 * MINUTE;
        CameraBehaviour cam = new CameraBehaviour(TinyRegistry.camera(), new Random(4),
                List.of(new FaultSpec(FaultKind.EBIKE_ELEVATOR, TinyRegistry.CAMERA, null, at, at + MINUTE, 0)), MORNING);
        List<Msg> all = Messages.play(cam, MORNING + 10 * MINUTE);
        List<Msg> detections = all.stream().filter(m -> m.on("event")
                && m.json().get("kind").asText().equals("ebike_in_elevator") && m.ts() >= at && m.ts() < at + MINUTE)
                .toList();
        assertThat(detections).hasSize(2);
        assertThat(detections.get(1).ts() - detections.get(0).ts()).isLessThanOrEqualTo(5_000);
        for (Msg d : detections) {
            assertThat(d.json().get("confidence").asDouble()).isBetween(0.85, 1.0);
            assertThat(d.json().get("bbox")).hasSize(4);
            String topic = "anju/v1/camera/cam-0007-3/snapshot/" + d.json().get("snapshotId").asText();
            Msg jpeg = all.stream().filter(m -> m.topic().equals(topic)).findFirst().orElseThrow();
            assertThat(all.indexOf(jpeg)).isLessThan(all.indexOf(d));
            assertThat(jpeg.bytes()).startsWith(0xFF, 0xD8, 0xFF);
            assertThat(jpeg.bytes().length).isBetween(500, 16 * 1024);
            assertThat(ImageIO.read(new ByteArrayInputStream(jpeg.bytes())).getWidth()).isEqualTo(160);
        }
    }
}
