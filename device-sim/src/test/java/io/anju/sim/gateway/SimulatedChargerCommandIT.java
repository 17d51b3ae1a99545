package io.anju.sim.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.Topics;
import io.anju.sim.fault.FaultKind;
import io.anju.sim.fault.FaultPlan;
import io.anju.sim.fault.FaultSpec;
import io.anju.sim.run.SimStats;
import io.anju.sim.run.Simulation;
import io.anju.sim.run.SimulationFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.anju.sim.gateway.SimRuns.EVENING;
import static io.anju.sim.gateway.SimRuns.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code stop_port} command put on anju.commands goes through the gateway to a simulated charger, which stops
 * the port and answers; the delivery outcome, the reply and the port's next telemetry all show up in Kafka. A command
 * for a registered charger that is not connected is reported held (until it connects or the command expires).
 */
class SimulatedChargerCommandIT {
    private static final double SPEED = 60;

    @Test
    void stopPortReachesTheSimulatedCharger_andACommandForAnUnconnectedChargerIsHeld(@TempDir Path dir)
            throws Exception {
        try (GatewayUnderTest gw = GatewayUnderTest.start(dir, Map.of())) {
            List<Device> chargers = gw.enabled(DeviceType.CHARGER, 4);
            List<Device> played = chargers.subList(0, 3);
            String charger = played.get(0).id();
            String notPlayed = chargers.get(3).id();
            // a flat 900 W load on port 1 keeps the port busy from the start, so stopping it is visible
            Path plan = dir.resolve("plan.json");
            new FaultPlan(7, "evening", List.of(new FaultSpec(FaultKind.ILLEGAL_LOAD, charger, 1, EVENING,
                    EVENING + 40 * MINUTE, 900))).write(plan);

            SimStats stats = new SimStats();
            Simulation sim = SimulationFactory.create(gw.registry, gw.secrets,
                    SimRuns.evening(played, SPEED, plan.toString(), null, SimRuns.link(gw, false)), stats);
            try (KafkaTail tail = new KafkaTail(gw.kafka(), Topics.telemetry(DeviceType.CHARGER),
                    Topics.COMMAND_RESULTS);
                 KafkaProducer<String, String> producer = producer(gw.kafka())) {
                sim.start();
                await().atMost(Duration.ofSeconds(20)).until(() -> stats.connected.get() == played.size());
                await().atMost(Duration.ofSeconds(20)).until(() -> tail.poll().stream()
                        .anyMatch(r -> r.deviceId().equals(charger) && port1(r).path("state").asText().equals("charging")
                                && port1(r).path("powerW").asDouble() > 800));

                producer.send(new ProducerRecord<>(Topics.COMMANDS, charger,
                        command("cmd-stop-1"))).get(10, TimeUnit.SECONDS);
                producer.send(new ProducerRecord<>(Topics.COMMANDS, notPlayed,
                        command("cmd-stop-2"))).get(10, TimeUnit.SECONDS);

                await().atMost(Duration.ofSeconds(20)).until(() -> delivery(tail.poll(), "cmd-stop-1").isPresent()
                        && delivery(tail.poll(), "cmd-stop-2").isPresent() && reply(tail.poll(), "cmd-stop-1").isPresent());
                JsonNode delivered = delivery(tail.poll(), "cmd-stop-1").orElseThrow();
                assertThat(delivered.path("deviceId").asText()).isEqualTo(charger);
                assertThat(delivered.path("outcome").asText()).isEqualTo("delivered");
                JsonNode offline = delivery(tail.poll(), "cmd-stop-2").orElseThrow();
                assertThat(offline.path("deviceId").asText()).isEqualTo(notPlayed);
                assertThat(offline.path("outcome").asText()).isEqualTo("held");

                KafkaTail.Rec reply = reply(tail.poll(), "cmd-stop-1").orElseThrow();
                assertThat(reply.key()).isEqualTo(charger);
                assertThat(reply.deviceId()).isEqualTo(charger);
                assertThat(reply.payload().path("result").asText()).isEqualTo("ok");

                // the port is idle in the charger's telemetry from the reply on, although the load is still plugged in
                await().atMost(Duration.ofSeconds(20)).until(() -> after(tail.poll(), charger, reply.seq()).size() >= 3);
                List<KafkaTail.Rec> later = after(tail.poll(), charger, reply.seq());
                assertThat(later).allSatisfy(r -> {
                    assertThat(port1(r).path("state").asText()).isEqualTo("idle");
                    assertThat(port1(r).path("powerW").asDouble()).isZero();
                });
                assertThat(tail.matching(r -> r.channel().equals("command/reply"))).hasSize(1);
            } finally {
                sim.close();
            }
            assertThat(stats.commands.sum()).isEqualTo(1);
            assertThat(stats.errors.sum()).isZero();
        }
    }

    private static KafkaProducer<String, String> producer(KafkaConnection kafka) {
        Map<String, Object> props = kafka.clientProperties();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(props);
    }

    private static String command(String id) {
        Map<String, Object> cmd = new LinkedHashMap<>();
        cmd.put("id", id);
        cmd.put("ts", System.currentTimeMillis());
        cmd.put("action", "stop_port");
        cmd.put("port", 1);
        cmd.put("reason", "IT: illegal load on port 1");
        return Json.toString(cmd);
    }

    private static JsonNode port1(KafkaTail.Rec telemetry) {
        for (JsonNode p : telemetry.payload().path("ports")) {
            if (p.path("no").asInt() == 1) {
                return p;
            }
        }
        throw new AssertionError("no port 1 in " + telemetry.value());
    }

    private static Optional<JsonNode> delivery(List<KafkaTail.Rec> records, String commandId) {
        return records.stream().map(KafkaTail.Rec::value)
                .filter(v -> v.path("kind").asText().equals("delivery") && v.path("commandId").asText().equals(commandId))
                .findFirst();
    }

    private static Optional<KafkaTail.Rec> reply(List<KafkaTail.Rec> records, String commandId) {
        return records.stream().filter(r -> r.channel().equals("command/reply")
                && r.payload().path("id").asText().equals(commandId)).findFirst();
    }

    private static List<KafkaTail.Rec> after(List<KafkaTail.Rec> records, String deviceId, long seq) {
        return records.stream().filter(r -> r.topic().equals(Topics.telemetry(DeviceType.CHARGER))
                && r.deviceId().equals(deviceId) && r.seq() > seq).toList();
    }
}
