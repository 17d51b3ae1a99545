package io.anju.jobs.e2e;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertType;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.jobs.run.JobsRunner;
import io.anju.sim.clock.Scenario;
import io.anju.sim.fault.ClockFault;
import io.anju.sim.fault.FaultKind;
import io.anju.sim.fault.FaultPlan;
import io.anju.sim.fault.FaultPlanner;
import io.anju.sim.fault.FaultSpec;
import io.anju.sim.run.RunSettings;
import io.anju.sim.run.SimStats;
import io.anju.sim.run.Simulation;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Device clocks that cannot be trusted, through the real gateway: the scenario of {@link ScenarioDetectionIT} with,
 * in every partition of the charger topic, a charger whose clock runs a day ahead and one whose clock was reset to
 * 2000-01-01, plus a charger whose clock is reset to 2000-01-01 half-way through (an RTC reset after a power cut);
 * besides the scenario's own faults, a port overload of a charger a day ahead, an outage of one reset to 2000 and a
 * port overload of the one reset half-way, after its reset.
 * Before the clock rule, one charger a day ahead in a partition moved that partition's event time a day on and every
 * well-clocked charger behind it was reported offline. Now every fault, the skewed chargers' own included, is raised
 * exactly once and nothing else is: no device is reported offline that did not go offline.
 */
class SkewedClocksIT {
    private static final Logger LOG = LoggerFactory.getLogger(SkewedClocksIT.class);
    private static final double SPEED = 120;
    private static final int CHARGER_PARTITIONS = 6;
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final String Y2K = "2000-01-01T00:00:00Z";
    private static final long MINUTE = 60_000;

    @Test
    void chargersADayAheadOrResetTo2000_blindNoOne_andKeepTheirOwnDetection(@TempDir Path dir) throws Exception {
        try (PlatformUnderTest platform = PlatformUnderTest.start(dir);
             JobsRunner jobs = platform.jobs(null).start();
             AlertsReader alerts = new AlertsReader(platform.kafka())) {
            List<Device> devices = new ArrayList<>(platform.scenarioDevices(24));
            Set<String> inScenario = PlatformUnderTest.ids(devices);
            List<Device> spare = platform.registry.devicesOfType(DeviceType.CHARGER).stream()
                    .filter(d -> d.enabled() && !inScenario.contains(d.id())).toList();
            List<ClockFault> clocks = new ArrayList<>();
            Set<String> skewed = new HashSet<>();
            for (int partition = 0; partition < CHARGER_PARTITIONS; partition++) {
                List<Device> here = inPartition(spare, partition, skewed, 2);
                clocks.add(new ClockFault(here.get(0).id(), DAY, null, 0));
                clocks.add(ClockFault.parse(here.get(1).id() + "=reset:" + Y2K, Scenarios.EVENING));
                here.forEach(d -> skewed.add(d.id()));
                devices.addAll(here);
            }
            // The scenario's own faults over the devices so far, then faults of chargers with wrong clocks that have
            // none of their own, and the charger whose clock will be reset half-way: their detection must hold too.
            List<FaultSpec> faults = new ArrayList<>(FaultPlanner.plan(Scenarios.SEED, Scenario.EVENING, devices,
                    Scenarios.EVENING, Scenarios.LENGTH_MS).faults());
            Set<String> planned = new HashSet<>();
            faults.forEach(f -> planned.add(f.deviceId()));
            String ahead = clocks.stream().filter(c -> c.resetTo() == null && !planned.contains(c.deviceId()))
                    .findFirst().orElseThrow().deviceId();
            String reset = clocks.stream().filter(c -> c.resetTo() != null && !planned.contains(c.deviceId()))
                    .findFirst().orElseThrow().deviceId();
            Device jumps = inPartition(spare, 0, skewed, 1).get(0);
            long half = Scenarios.EVENING + Scenarios.LENGTH_MS / 2;
            clocks.add(ClockFault.parse(jumps.id() + "=reset:" + Y2K + "@" + Scenarios.LENGTH_MS / 2 / MINUTE + "m",
                    Scenarios.EVENING));
            skewed.add(jumps.id());
            devices.add(jumps);
            faults.add(new FaultSpec(FaultKind.PORT_OVERLOAD, ahead, 7, Scenarios.EVENING + 40 * MINUTE,
                    Scenarios.EVENING + 46 * MINUTE, 1_150));
            faults.add(new FaultSpec(FaultKind.OFFLINE, reset, null, Scenarios.EVENING + 60 * MINUTE,
                    Scenarios.EVENING + 75 * MINUTE, 0));
            faults.add(new FaultSpec(FaultKind.PORT_OVERLOAD, jumps.id(), 7, half + 20 * MINUTE, half + 26 * MINUTE,
                    1_150));
            Path plan = dir.resolve("plan.json");
            new FaultPlan(Scenarios.SEED, Scenario.EVENING.wireName(), faults).write(plan);
            Path groundTruth = dir.resolve("ground-truth.jsonl");
            RunSettings evening = Scenarios.evening(devices, SPEED, platform.mqttUri(), groundTruth, null);
            Simulation sim = platform.simulation(new RunSettings(evening.filter(), evening.scenario(), evening.seed(),
                    evening.speed(), evening.startMs(), plan.toString(), groundTruth, null, evening.durationMs(),
                    evening.mqtt(), evening.link(), clocks), new SimStats());
            try {
                sim.start();
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2))
                        .until(() -> sim.clock().now() >= Scenarios.EVENING + Scenarios.LENGTH_MS);
            } finally {
                sim.close();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> alerts.quietFor(Duration.ofSeconds(6)));

            List<Alert> applied = alerts.applied();
            DetectionScore score = new DetectionScore(DetectionScore.readGroundTruth(groundTruth), applied);
            LOG.info("{} devices, {} with a wrong clock ({}), {} alert revisions:\n{}", devices.size(), skewed.size(),
                    Instant.ofEpochMilli(Scenarios.EVENING), applied.size(), score.table());
            assertThat(score.results()).as("faults injected").hasSizeGreaterThanOrEqualTo(12);
            assertThat(score.results()).as("the wrong clocks' own faults")
                    .filteredOn(r -> skewed.contains(r.fault().deviceId())).hasSizeGreaterThanOrEqualTo(3)
                    .allMatch(DetectionScore.FaultResult::detected);
            assertThat(score.recall()).as(score.table()).isEqualTo(1.0);
            assertThat(score.precision()).as(score.table()).isEqualTo(1.0);
            assertThat(score.episodes()).allMatch(Episode::wellFormed);
            assertThat(applied).as("no alert is dated by a wrong clock")
                    .allSatisfy(a -> assertThat(a.firstEventTs()).isBetween(Scenarios.EVENING,
                            Scenarios.EVENING + Scenarios.LENGTH_MS + DAY / 24));
            assertThat(applied).as("the charger whose clock was reset half-way is never reported offline")
                    .noneMatch(a -> a.type() == AlertType.DEVICE_OFFLINE && jumps.id().equals(a.deviceId()));
        }
    }

    /** {@code n} chargers of {@code spare} not yet taken whose records land in {@code partition} of 6. */
    private static List<Device> inPartition(List<Device> spare, int partition, Set<String> taken, int n) {
        List<Device> found = spare.stream()
                .filter(d -> !taken.contains(d.id()) && partitionOf(d.id()) == partition).limit(n).toList();
        assertThat(found).as("chargers for partition " + partition).hasSize(n);
        return found;
    }

    /** Kafka's default partitioner for a keyed record: murmur2 of the key. */
    private static int partitionOf(String deviceId) {
        return Utils.toPositive(Utils.murmur2(deviceId.getBytes(StandardCharsets.UTF_8))) % CHARGER_PARTITIONS;
    }
}
