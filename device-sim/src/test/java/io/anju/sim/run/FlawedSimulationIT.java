package io.anju.sim.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;
import io.anju.common.model.Device;
import io.anju.sim.behaviour.CrowdBehaviour;
import io.anju.sim.clock.Scenario;
import io.anju.sim.firmware.FirmwareFlaw;
import io.anju.sim.testing.MiniBroker;
import io.anju.sim.testing.TinyRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static io.anju.sim.testing.TinyRegistry.CHARGER;
import static io.anju.sim.testing.TinyRegistry.CHARGER_2;
import static io.anju.sim.testing.TinyRegistry.CROWD;
import static io.anju.sim.testing.TinyRegistry.GATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The in-process entry point a conformance test uses: {@link RunSettings#builder} with flaws, per-device MQTT
 * versions and an anchored 60× clock, started by {@link SimulationFactory#create}, against an in-test acceptor.
 */
class FlawedSimulationIT {
    private static final double SPEED = 60;

    @Test
    void flawedDevicesBreakTheProtocolOnTheWire_theCorrectOneKeepsThePredictableClock() throws Exception {
        var registry = TinyRegistry.registry();
        Map<String, String> secrets = registry.devices().stream()
                .collect(Collectors.toMap(Device::id, d -> "secret-" + d.id()));
        long anchor = System.currentTimeMillis();
        try (MiniBroker broker = new MiniBroker(secrets)) {
            RunSettings settings = RunSettings.builder("127.0.0.1", broker.port())
                    .devices(CHARGER, CHARGER_2, CROWD, GATE)
                    .scenario(Scenario.EVENING).speed(SPEED).clockAnchor(anchor)
                    .mqtt(CHARGER, 5).mqtt(CHARGER_2, 3).mqtt(CROWD, 3).mqtt(GATE, 5)
                    .flaw(CHARGER, FirmwareFlaw.WRONG_UNITS)
                    .flaw(CHARGER_2, FirmwareFlaw.WRONG_REPLY_ID)
                    .flaw(CROWD, FirmwareFlaw.CLOCK_10_MIN_OFF)
                    .backoffBaseMs(200)
                    .build();
            try (Simulation sim = SimulationFactory.create(registry, secrets, settings, new SimStats())) {
                long beforeStart = predicted(anchor);
                sim.start();
                long started = predicted(anchor);
                await().atMost(Duration.ofSeconds(10)).until(() -> broker.isConnected(CHARGER)
                        && broker.isConnected(CHARGER_2) && broker.isConnected(CROWD) && broker.isConnected(GATE));
                assertThat(broker.connects).noneMatch(c -> c.clientId().equals(TinyRegistry.CAMERA));
                assertThat(broker.connects).filteredOn(c -> c.clientId().equals(CHARGER))
                        .extracting(MiniBroker.Connect::version).containsOnly(5);
                assertThat(broker.connects).filteredOn(c -> c.clientId().equals(CHARGER_2))
                        .extracting(MiniBroker.Connect::version).containsOnly(4);

                // the correct gate: its online status is stamped with the anchored clock
                JsonNode online = Json.tree(broker.on(GATE + "/status").get(0).payload());
                assertThat(online.get("ts").asLong()).isBetween(beforeStart, started);

                await().atMost(Duration.ofSeconds(10)).until(() -> !broker.on(CROWD + "/telemetry").isEmpty()
                        && !broker.on(CHARGER + "/telemetry").isEmpty());
                // the first reading is from after the fleet came online (no backlog from connecting), 10 min ahead
                JsonNode crowd = Json.tree(broker.on(CROWD + "/telemetry").get(0).payload());
                assertThat(crowd.get("ts").asLong() - FirmwareFlaw.CLOCK_OFFSET_MS)
                        .isBetween(started - CrowdBehaviour.STEP_MS, predicted(anchor));
                JsonNode charger = Json.tree(broker.on(CHARGER + "/telemetry").get(0).payload());
                assertThat(charger.get("mainsV").asDouble()).isGreaterThan(200_000);

                broker.sendCommand(CHARGER_2, "anju/v1/charger/" + CHARGER_2 + "/command",
                        "{\"id\":\"cmd-7\",\"ts\":1,\"action\":\"stop_port\",\"port\":1}");
                await().atMost(Duration.ofSeconds(5)).until(() -> !broker.on(CHARGER_2 + "/command/reply").isEmpty());
                JsonNode reply = Json.tree(broker.on(CHARGER_2 + "/command/reply").get(0).payload());
                assertThat(reply.get("id").asText()).isNotEqualTo("cmd-7");
                assertThat(reply.get("result").asText()).isEqualTo("ok");
            }
        }
    }

    /** What a correct device's clock reads now. */
    private static long predicted(long anchor) {
        return anchor + (long) ((System.currentTimeMillis() - anchor) * SPEED);
    }
}
