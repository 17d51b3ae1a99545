package io.anju.sim.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.snapshot.SnapshotFiles;
import io.anju.common.topic.Topics;
import io.anju.sim.fault.FaultKind;
import io.anju.sim.fault.FaultPlan;
import io.anju.sim.fault.FaultSpec;
import io.anju.sim.run.RunSettings;
import io.anju.sim.run.SimStats;
import io.anju.sim.run.Simulation;
import io.anju.sim.run.SimulationFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.anju.sim.gateway.SimRuns.EVENING;
import static io.anju.sim.gateway.SimRuns.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Twenty simulated devices of all four types (MQTT 3.1.1 and 5 mixed, half with plain secrets, half with signed
 * tokens) play two and a half evening hours at 600× against a real gateway: every device is let in, and everything
 * they send passes the gateway's validator and lands in its topic, in order, with snapshots in the blob store.
 */
class SimulatorAgainstGatewayIT {
    private static final double SPEED = 600;
    private static final List<String> DEVICE_TOPICS = List.of(Topics.telemetry(DeviceType.CHARGER),
            Topics.telemetry(DeviceType.GATE), Topics.telemetry(DeviceType.CROWD), Topics.telemetry(DeviceType.CAMERA),
            Topics.EVENTS, Topics.STATUS, Topics.SNAPSHOTS);

    @Test
    void aMixedFleetConnects_andEverythingItSendsIsValidOrderedAndInItsTopic(@TempDir Path dir) throws Exception {
        try (GatewayUnderTest gw = GatewayUnderTest.start(dir, Map.of(
                "auth.tokenSecretsFile", dir.resolve(GatewayUnderTest.CREDENTIALS).toString(),
                // crowd counters report every 10 simulated seconds: 60 messages a real second at 600×
                "limits.messagesPerSecond", "1000", "limits.messageBurst", "2000"))) {
            List<Device> chargers = gw.enabled(DeviceType.CHARGER, 10);
            List<Device> gates = gw.enabled(DeviceType.GATE, 3);
            List<Device> cameras = gw.enabled(DeviceType.CAMERA, 3);
            List<Device> crowds = gw.enabled(DeviceType.CROWD, 4);
            List<Device> fleet = new ArrayList<>();
            List.of(chargers, gates, cameras, crowds).forEach(fleet::addAll);
            assertThat(fleet).hasSize(20);
            String camera = cameras.get(0).id();
            String gate = gates.get(0).id();

            List<FaultSpec> faults = List.of(
                    new FaultSpec(FaultKind.EBIKE_ELEVATOR, camera, null, EVENING + 30 * MINUTE, EVENING + 31 * MINUTE, 0),
                    new FaultSpec(FaultKind.FORCED_GATE, gate, null, EVENING + 40 * MINUTE, EVENING + 41 * MINUTE, 0));
            // every other device signs a token instead of sending its secret
            List<Device> plain = new ArrayList<>();
            List<Device> signed = new ArrayList<>();
            for (int i = 0; i < fleet.size(); i++) {
                (i % 2 == 0 ? plain : signed).add(fleet.get(i));
            }
            RunSettings plainRun = SimRuns.evening(plain, SPEED, planFor(dir.resolve("plain-plan.json"), faults, plain),
                    null, SimRuns.link(gw, false));
            RunSettings signedRun = SimRuns.evening(signed, SPEED,
                    planFor(dir.resolve("signed-plan.json"), faults, signed), null, SimRuns.link(gw, true));

            SimStats plainStats = new SimStats();
            SimStats signedStats = new SimStats();
            Simulation plainSim = SimulationFactory.create(gw.registry, gw.secrets, plainRun, plainStats);
            Simulation signedSim = SimulationFactory.create(gw.registry, gw.secrets, signedRun, signedStats);
            try {
                plainSim.start();
                signedSim.start();
                await().atMost(Duration.ofSeconds(20)).until(() ->
                        plainStats.connected.get() == plain.size() && signedStats.connected.get() == signed.size());
                assertThat(gw.connectAttempts("accepted")).isEqualTo(fleet.size());
                await().atMost(Duration.ofSeconds(30)).until(() -> plainSim.clock().now() >= EVENING + 150 * MINUTE);
            } finally {
                plainSim.close();
                signedSim.close();
            }
            assertThat(gw.connectAttempts("bad_credentials")).isZero();
            assertThat(gw.connectAttempts("accepted")).as("no device had to reconnect").isEqualTo(fleet.size());
            for (SimStats s : List.of(plainStats, signedStats)) {
                assertThat(s.errors.sum()).isZero();
                assertThat(s.acknowledged.sum()).isEqualTo(s.published.sum()).isPositive();
            }

            try (KafkaTail tail = new KafkaTail(gw.kafka(), withQuarantine())) {
                List<KafkaTail.Rec> all = tail.readToEnd();
                assertThat(tail.on(Topics.QUARANTINE)).as("nothing the simulator sends is invalid").isEmpty();
                Map<String, Device> byId = fleet.stream().collect(Collectors.toMap(Device::id, d -> d));
                assertThat(all).allSatisfy(r -> {
                    assertThat(r.key()).isEqualTo(r.deviceId()).isIn(byId.keySet());
                    assertThat(r.topic()).isEqualTo(topicOf(r));
                    Device d = byId.get(r.deviceId());
                    assertThat(r.value().path("type").asText()).isEqualTo(d.type().wireName());
                    JsonNode location = r.value().path("location");
                    assertThat(location.path("gridId").textValue()).isEqualTo(d.location().gridId());
                    assertThat(location.path("compoundId").textValue()).isEqualTo(d.location().compoundId());
                    assertThat(location.path("zoneId").textValue()).isEqualTo(d.location().zoneId());
                });
                // every acknowledged message is in Kafka, once
                assertThat((long) all.size())
                        .isEqualTo(plainStats.acknowledged.sum() + signedStats.acknowledged.sum());

                for (Device d : fleet) {
                    List<KafkaTail.Rec> mine = all.stream().filter(r -> r.deviceId().equals(d.id())).toList();
                    assertThat(mine).as(d.id()).anyMatch(r -> r.channel().equals("status")
                            && r.payload().path("state").asText().equals("online"));
                    assertSeqIncreasesPerTopic(d.id(), mine);
                }
                for (Device d : chargers) {
                    assertThat(tail.on(Topics.telemetry(DeviceType.CHARGER))).as(d.id())
                            .anyMatch(r -> r.deviceId().equals(d.id()));
                }
                for (Device d : crowds) {
                    assertThat(tail.on(Topics.telemetry(DeviceType.CROWD))).as(d.id())
                            .anyMatch(r -> r.deviceId().equals(d.id()));
                }

                List<String> evidence = new ArrayList<>();
                List<KafkaTail.Rec> detections = tail.matching(r -> r.topic().equals(Topics.EVENTS)
                        && r.deviceId().equals(camera) && r.payload().path("kind").asText().equals("ebike_in_elevator")
                        && r.payload().path("confidence").asDouble() >= 0.88);
                assertThat(detections).hasSize(2);
                detections.forEach(r -> evidence.add(r.payload().path("snapshotId").asText()));
                List<KafkaTail.Rec> forced = tail.matching(r -> r.topic().equals(Topics.EVENTS)
                        && r.deviceId().equals(gate) && r.payload().path("kind").asText().equals("forced_open"));
                assertThat(forced).hasSize(1);
                evidence.add(forced.get(0).payload().path("snapshotId").asText());
                for (String snapshotId : evidence) {
                    assertSnapshotStored(gw, tail.on(Topics.SNAPSHOTS), snapshotId);
                }
            }
        }
    }

    /** Writes the faults that concern {@code played} to {@code file}; returns its path for {@code --faults}. */
    private static String planFor(Path file, List<FaultSpec> faults, List<Device> played) {
        Set<String> ids = played.stream().map(Device::id).collect(Collectors.toSet());
        new FaultPlan(7, "evening", faults.stream().filter(f -> ids.contains(f.deviceId())).toList()).write(file);
        return file.toString();
    }

    private static String[] withQuarantine() {
        List<String> topics = new ArrayList<>(DEVICE_TOPICS);
        topics.add(Topics.QUARANTINE);
        return topics.toArray(String[]::new);
    }

    /** The topic the gateway must have chosen for a record, from its type and channel. */
    private static String topicOf(KafkaTail.Rec r) {
        return switch (r.channel()) {
            case "telemetry" -> Topics.TELEMETRY_PREFIX + r.value().path("type").asText();
            case "event" -> Topics.EVENTS;
            case "status" -> Topics.STATUS;
            case "snapshot" -> Topics.SNAPSHOTS;
            default -> "unexpected channel " + r.channel();
        };
    }

    /** In each topic a device's seq only goes up, and no seq is used twice across its topics. */
    private static void assertSeqIncreasesPerTopic(String deviceId, List<KafkaTail.Rec> records) {
        Map<String, List<Long>> byTopic = records.stream().filter(r -> !r.topic().equals(Topics.SNAPSHOTS))
                .collect(Collectors.groupingBy(KafkaTail.Rec::topic,
                        Collectors.mapping(KafkaTail.Rec::seq, Collectors.toList())));
        Set<Long> seen = new HashSet<>();
        byTopic.forEach((topic, seqs) -> {
            assertThat(seqs).as(deviceId + " on " + topic).isSorted().doesNotHaveDuplicates()
                    .allSatisfy(s -> assertThat(s).isNotNegative());
            seqs.forEach(s -> assertThat(seen.add(s)).as(deviceId + " seq " + s + " used twice").isTrue());
        });
    }

    /** The reference is in anju.snapshots and the JPEG it names is in the blob store, with that hash and size. */
    private static void assertSnapshotStored(GatewayUnderTest gw, List<KafkaTail.Rec> references, String snapshotId)
            throws Exception {
        List<KafkaTail.Rec> refs = references.stream()
                .filter(r -> r.payload().path("snapshotId").asText().equals(snapshotId)).toList();
        assertThat(refs).as("reference to " + snapshotId).hasSize(1);
        String sha = refs.get(0).payload().path("sha256").asText();
        KafkaTail.Rec reference = refs.get(0);
        Path blob = SnapshotFiles.of(gw.dataDir.resolve("snapshots"),
                DeviceType.fromWire(reference.value().path("type").asText()).orElseThrow(), reference.key(), sha);
        assertThat(blob).exists();
        byte[] image = Files.readAllBytes(blob);
        assertThat(image).hasSize(refs.get(0).payload().path("size").asInt()).startsWith(0xFF, 0xD8, 0xFF);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image))).isEqualTo(sha);
        assertThat(refs.get(0).payload().path("contentType").asText()).isEqualTo("image/jpeg");
    }
}
