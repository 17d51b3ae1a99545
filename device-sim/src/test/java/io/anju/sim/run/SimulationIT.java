package io.anju.sim.run;

import io.anju.common.json.Json;
import io.anju.common.model.Device;
import io.anju.sim.clock.Scenario;
import io.anju.sim.fault.FaultKind;
import io.anju.sim.fault.FaultPlan;
import io.anju.sim.fault.FaultSpec;
import io.anju.sim.link.MqttVersionChoice;
import io.anju.sim.testing.MiniBroker;
import io.anju.sim.testing.TinyRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.anju.sim.testing.TinyRegistry.EVENING;
import static io.anju.sim.testing.TinyRegistry.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole simulator with real Paho v3 and v5 clients against an in-test MQTT acceptor, at 600× speed
 * (one real second is ten simulated minutes).
 */
class SimulationIT {

    @Test
    void devicesConnect_publish_answerCommands_andInjectedFaultsHappenOnTheWire(@TempDir Path dir) throws Exception {
        var registry = TinyRegistry.registry();
        Map<String, String> secrets = registry.devices().stream()
                .collect(Collectors.toMap(Device::id, d -> "secret-" + d.id()));
        Path planFile = dir.resolve("plan.json");
        new FaultPlan(1, "evening", List.of(
                new FaultSpec(FaultKind.EBIKE_ELEVATOR, TinyRegistry.CAMERA, null, EVENING + 20 * MINUTE,
                        EVENING + 21 * MINUTE, 0),
                new FaultSpec(FaultKind.OFFLINE, TinyRegistry.CHARGER_2, null, EVENING + 30 * MINUTE,
                        EVENING + 36 * MINUTE, 0),
                new FaultSpec(FaultKind.OFFLINE, TinyRegistry.GATE, null, EVENING + 30 * MINUTE,
                        EVENING + 36 * MINUTE, 0))).write(planFile);
        Path groundTruth = dir.resolve("truth.jsonl");

        try (MiniBroker broker = new MiniBroker(secrets)) {
            LinkSettings link = new LinkSettings("tcp://127.0.0.1:" + broker.port(), null, false, 60,
                    System::currentTimeMillis);
            RunSettings settings = new RunSettings(DeviceFilter.all(), Scenario.EVENING, 1, 600, EVENING,
                    planFile.toString(), groundTruth, null, 60 * MINUTE, MqttVersionChoice.MIXED, link);
            SimStats stats = new SimStats();
            Simulation sim = SimulationFactory.create(registry, secrets, settings, stats);
            try {
                sim.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> registry.devices().stream()
                        .allMatch(d -> broker.isConnected(d.id())));
                assertThat(broker.connects).allSatisfy(c -> {
                    assertThat(c.username()).isEqualTo(c.clientId());
                    assertThat(c.password()).isEqualTo("secret-" + c.clientId());
                });
                assertThat(broker.connects).extracting(MiniBroker.Connect::version).contains(4, 5);

                broker.sendCommand(TinyRegistry.CHARGER, "anju/v1/charger/chg-0001-1/command",
                        "{\"id\":\"cmd-1\",\"ts\":1,\"action\":\"stop_port\",\"port\":3}");
                await().atMost(Duration.ofSeconds(5)).until(() -> !broker.on("chg-0001-1/command/reply").isEmpty());
                var reply = Json.tree(broker.on("chg-0001-1/command/reply").get(0).payload());
                assertThat(reply.get("id").asText()).isEqualTo("cmd-1");
                assertThat(reply.get("result").asText()).isEqualTo("ok");

                // e-bike in the elevator: two detections, each after its JPEG
                await().atMost(Duration.ofSeconds(10)).until(() -> broker.on("cam-0007-3/event").stream()
                        .filter(r -> r.text().contains("ebike_in_elevator")).count() >= 2);
                assertThat(broker.published.stream().filter(r -> r.topic().contains("/snapshot/")))
                        .isNotEmpty().allSatisfy(r -> assertThat(r.payload()).startsWith(0xFF, 0xD8, 0xFF));

                // outage (MQTT 5 charger, MQTT 3.1.1 gate): the connection drops without DISCONNECT, the Will fires,
                // later the device comes back
                await().atMost(Duration.ofSeconds(10)).until(() -> broker.willsFired.size() == 2);
                assertThat(broker.willsFired).extracting(MiniBroker.Received::topic).containsExactlyInAnyOrder(
                        "anju/v1/charger/chg-0001-2/status", "anju/v1/gate/gate-0007-2/status");
                assertThat(broker.willsFired).extracting(MiniBroker.Received::version).containsExactlyInAnyOrder(4, 5);
                for (MiniBroker.Received will : broker.willsFired) {
                    assertThat(Json.tree(will.payload()).get("state").asText()).isEqualTo("offline");
                }
                for (String id : List.of(TinyRegistry.CHARGER_2, TinyRegistry.GATE)) {
                    await().atMost(Duration.ofSeconds(10)).until(() -> broker.connects.stream()
                            .filter(c -> c.clientId().equals(id)).count() >= 2 && broker.isConnected(id));
                }

                assertThat(broker.on("chg-0001-1/telemetry")).isNotEmpty();
                assertThat(broker.on("crowd-01/telemetry")).isNotEmpty();
                assertThat(broker.on("/status")).isNotEmpty();
            } finally {
                sim.close();
            }
            List<String> truth = Files.readAllLines(groundTruth);
            assertThat(truth).filteredOn(l -> l.contains("\"fault\":")).hasSize(3)
                    .anyMatch(l -> l.contains("\"fault\":\"offline\"") && l.contains("\"alert\":\"device_offline\""))
                    .anyMatch(l -> l.contains("\"alert\":\"ebike_in_elevator\""));
            // The zone's evening crowd comes near its blue line (1.0 p/m²): the truth names that warning as possible.
            assertThat(truth).filteredOn(l -> l.contains("\"warning\":")).isNotEmpty()
                    .allMatch(l -> l.contains("\"zoneId\":\"" + TinyRegistry.ZONE + "\""));
            // clean stop: DISCONNECT from every device, so no more Wills (the broker may read them a while after the
            // simulator returns on a busy machine)
            await().atMost(Duration.ofSeconds(20)).until(() -> broker.cleanDisconnects.get() >= 5);
            assertThat(broker.willsFired).hasSize(2);
            assertThat(stats.errors.sum()).isZero();
        }
    }
}
