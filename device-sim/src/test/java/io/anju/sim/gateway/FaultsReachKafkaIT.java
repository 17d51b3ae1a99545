package io.anju.sim.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.topic.Topics;
import io.anju.sim.fault.FaultKind;
import io.anju.sim.fault.FaultPlan;
import io.anju.sim.fault.FaultSpec;
import io.anju.sim.run.SimStats;
import io.anju.sim.run.Simulation;
import io.anju.sim.run.SimulationFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.anju.sim.gateway.SimRuns.EVENING;
import static io.anju.sim.gateway.SimRuns.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A thermal runaway on a charger port and an outage of a gate, planned from a fault plan, at 240× against a real
 * gateway: the ground-truth file names both, and Kafka holds the evidence a detector will work from.
 */
class FaultsReachKafkaIT {
    private static final double SPEED = 240;
    private static final int RUNAWAY_PORT = 2;
    private static final long RUNAWAY_START = EVENING + 30 * MINUTE;
    private static final long RUNAWAY_END = EVENING + 55 * MINUTE;
    private static final long OUTAGE_START = EVENING + 34 * MINUTE;
    private static final long OUTAGE_END = EVENING + 42 * MINUTE;

    @Test
    void thermalRunawayAndOutage_areInTheGroundTruth_andTheirEvidenceIsInKafka(@TempDir Path dir) throws Exception {
        try (GatewayUnderTest gw = GatewayUnderTest.start(dir, Map.of())) {
            List<Device> played = new ArrayList<>(gw.enabled(DeviceType.CHARGER, 2));
            played.addAll(gw.enabled(DeviceType.GATE, 1));
            String charger = played.get(0).id();
            String gate = played.get(2).id();
            Path plan = dir.resolve("plan.json");
            new FaultPlan(7, "evening", List.of(
                    new FaultSpec(FaultKind.THERMAL_RUNAWAY, charger, RUNAWAY_PORT, RUNAWAY_START, RUNAWAY_END, 4.0),
                    new FaultSpec(FaultKind.OFFLINE, gate, null, OUTAGE_START, OUTAGE_END, 0))).write(plan);
            Path groundTruth = dir.resolve("ground-truth.jsonl");

            SimStats stats = new SimStats();
            Simulation sim = SimulationFactory.create(gw.registry, gw.secrets,
                    SimRuns.evening(played, SPEED, plan.toString(), groundTruth, SimRuns.link(gw, false)), stats);
            try {
                sim.start();
                await().atMost(Duration.ofSeconds(20)).until(() -> stats.connected.get() == played.size());
                assertThat(sim.clock().now()).as("connected before the first fault").isLessThan(RUNAWAY_START);
                await().atMost(Duration.ofSeconds(40)).until(() -> sim.clock().now() >= RUNAWAY_END + 5 * MINUTE
                        && stats.connected.get() == played.size());
            } finally {
                sim.close();
            }

            List<JsonNode> truth = new ArrayList<>();
            for (String line : Files.readAllLines(groundTruth)) {
                truth.add(Json.mapper().readTree(line));
            }
            assertThat(truth).hasSize(2);
            assertThat(truth.get(0).path("fault").asText()).isEqualTo("thermal_runaway");
            assertThat(truth.get(0).path("deviceId").asText()).isEqualTo(charger);
            assertThat(truth.get(0).path("port").asInt()).isEqualTo(RUNAWAY_PORT);
            assertThat(truth.get(0).path("startTs").asLong()).isEqualTo(RUNAWAY_START);
            assertThat(truth.get(0).path("compoundId").asText()).isEqualTo(played.get(0).location().compoundId());
            assertThat(truth.get(0).path("expected").path("alert").asText()).isEqualTo("fire_risk");
            assertThat(truth.get(0).path("expected").path("severity").asText()).isEqualTo("red");
            assertThat(truth.get(0).path("expected").path("withinMs").asLong()).isEqualTo(15 * 60_000L);
            assertThat(truth.get(1).path("fault").asText()).isEqualTo("offline");
            assertThat(truth.get(1).path("deviceId").asText()).isEqualTo(gate);
            assertThat(truth.get(1).path("expected").path("alert").asText()).isEqualTo("device_offline");

            try (KafkaTail tail = new KafkaTail(gw.kafka(), Topics.telemetry(DeviceType.CHARGER), Topics.EVENTS,
                    Topics.STATUS, Topics.QUARANTINE)) {
                tail.readToEnd();
                assertThat(tail.on(Topics.QUARANTINE)).isEmpty();
                assertRunawayEvidence(tail, charger);
                assertOutageEvidence(tail, gate);
            }
        }
    }

    /** Port temperature climbs at the planned 4 °C/min, then overtemp, smoke, leakage, and the port trips. */
    private static void assertRunawayEvidence(KafkaTail tail, String charger) {
        List<KafkaTail.Rec> telemetry = tail.matching(r -> r.topic().equals(Topics.telemetry(DeviceType.CHARGER))
                && r.deviceId().equals(charger));
        List<KafkaTail.Rec> rising = telemetry.stream()
                .filter(r -> r.value().path("ts").asLong() >= RUNAWAY_START
                        && r.value().path("ts").asLong() <= RUNAWAY_START + 10 * MINUTE).toList();
        assertThat(rising).hasSizeGreaterThanOrEqualTo(10);
        List<Double> temps = rising.stream().map(r -> portTemp(r, RUNAWAY_PORT)).toList();
        assertThat(temps).isSorted().doesNotHaveDuplicates();
        double minutes = (rising.get(rising.size() - 1).value().path("ts").asLong()
                - rising.get(0).value().path("ts").asLong()) / 60_000.0;
        assertThat((temps.get(temps.size() - 1) - temps.get(0)) / minutes).as("°C per minute").isBetween(3.5, 4.5);
        assertThat(telemetry).anyMatch(r -> r.payload().path("smoke").asBoolean()
                && r.payload().path("leakageMa").asDouble() > 30);

        List<KafkaTail.Rec> events = tail.matching(r -> r.topic().equals(Topics.EVENTS) && r.deviceId().equals(charger)
                && (!r.payload().has("port") || r.payload().path("port").asInt() == RUNAWAY_PORT)).stream()
                .sorted(Comparator.comparingLong(KafkaTail.Rec::seq)).toList();
        assertThat(events).extracting(r -> r.payload().path("kind").asText())
                .containsSubsequence("overtemp", "smoke", "leakage", "fault");
        KafkaTail.Rec overtemp = events.stream().filter(r -> r.payload().path("kind").asText().equals("overtemp"))
                .findFirst().orElseThrow();
        assertThat(overtemp.payload().path("value").asDouble()).isGreaterThanOrEqualTo(65.0);
        KafkaTail.Rec leakage = events.stream().filter(r -> r.payload().path("kind").asText().equals("leakage"))
                .findFirst().orElseThrow();
        assertThat(leakage.payload().path("value").asDouble()).isGreaterThan(30.0);
    }

    /**
     * The gateway published the gate's Will ({@code offline}), the only Will of the run, and the gate came back
     * online afterwards.
     */
    private static void assertOutageEvidence(KafkaTail tail, String gate) {
        List<KafkaTail.Rec> offline = tail.matching(r -> r.topic().equals(Topics.STATUS)
                && r.payload().path("state").asText().equals("offline"));
        assertThat(offline).hasSize(1);
        assertThat(offline.get(0).deviceId()).isEqualTo(gate);
        assertThat(offline.get(0).value().path("type").asText()).isEqualTo("gate");
        List<KafkaTail.Rec> gateStatus = tail.matching(r -> r.topic().equals(Topics.STATUS) && r.deviceId().equals(gate));
        int willAt = gateStatus.indexOf(offline.get(0));
        assertThat(gateStatus.subList(willAt + 1, gateStatus.size()))
                .as("back online after the outage")
                .anyMatch(r -> r.payload().path("state").asText().equals("online")
                        && r.value().path("ts").asLong() >= OUTAGE_END);
        assertThat(tail.matching(r -> r.deviceId().equals(gate) && r.value().path("ts").asLong() > OUTAGE_START
                && r.value().path("ts").asLong() < OUTAGE_END && !r.payload().path("state").asText().equals("offline")))
                .as("silent during the outage").isEmpty();
    }

    private static double portTemp(KafkaTail.Rec telemetry, int port) {
        for (JsonNode p : telemetry.payload().path("ports")) {
            if (p.path("no").asInt() == port) {
                return p.path("tempC").asDouble();
            }
        }
        throw new AssertionError("no port " + port + " in " + telemetry.value());
    }
}
