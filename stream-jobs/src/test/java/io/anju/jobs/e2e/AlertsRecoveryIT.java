package io.anju.jobs.e2e;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertType;
import io.anju.common.model.Device;
import io.anju.jobs.run.JobsRunner;
import io.anju.jobs.topology.AlertsJob;
import io.anju.sim.run.SimStats;
import io.anju.sim.run.Simulation;
import io.anju.sim.truth.ExpectedWarning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing lost, nothing applied twice across a crash, on a holiday: 5.5 simulated hours of National Day evening at 120×,
 * the Beiyuanmen street at 1.5 × an ordinary day, with the simulator's automatic fault plan. The crowds pass the blue
 * line in every zone; the ground truth names those warnings as expected, so precision counts only real false alarms.
 * The alerting job is killed (no savepoint) in the middle of the
 * scenario while the devices keep publishing, then a new MiniCluster restores it from its last checkpoint. The job
 * writes at least once, so the revisions it emitted after that checkpoint are written again; each repeat must be the
 * same revision (same id, status, severity, summary and evidence; only the emission time differs), so a reader that
 * applies each {@code (id, revision)} once ends with every revision 1..n of every alert exactly once, and the holiday
 * still scores fully: every fault found, every alert explained by a fault or an expected warning, and at least one
 * expected warning raised, so the holiday was really crowded. (The ordinary evening, where no warning is expected, is
 * {@link ScenarioDetectionIT}'s.)
 */
class AlertsRecoveryIT {
    private static final Logger LOG = LoggerFactory.getLogger(AlertsRecoveryIT.class);
    private static final double SPEED = 120;

    @Test
    void aJobKilledMidHoliday_andRestoredFromItsCheckpoint_neitherDuplicatesNorLosesAlerts(@TempDir Path dir)
            throws Exception {
        try (PlatformUnderTest platform = PlatformUnderTest.start(dir);
             AlertsReader alerts = new AlertsReader(platform.kafka())) {
            List<Device> devices = platform.scenarioDevices(8);
            Path groundTruth = dir.resolve("ground-truth.jsonl");
            Simulation sim = platform.simulation(
                    Scenarios.holiday(devices, SPEED, platform.mqttUri(), groundTruth, dir.resolve("plan.json")),
                    new SimStats());
            JobsRunner first = platform.jobs(null).start();
            JobsRunner second = null;
            try {
                sim.start();
                long half = Scenarios.HOLIDAY + Scenarios.HOLIDAY_LENGTH_MS / 2;
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> sim.clock().now() >= half);
                int before = alerts.all().size();
                first.kill();
                LOG.info("alerting job killed at simulated {} with {} alert records written", half, before);
                // The devices go on publishing while the job is down; the restored job must catch up on them.
                Thread.sleep(5_000);
                second = platform.jobs(null).start();
                assertThat(second.restoredFrom(AlertsJob.NAME)).as("restored from the killed job's checkpoint")
                        .hasValueSatisfying(p -> assertThat(p.getFileName().toString()).startsWith("chk-"));
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2))
                        .until(() -> sim.clock().now() >= Scenarios.HOLIDAY + Scenarios.HOLIDAY_LENGTH_MS);
            } finally {
                sim.close();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> alerts.quietFor(Duration.ofSeconds(6)));
            second.close();

            List<Alert> all = alerts.all();
            List<Alert> applied = alerts.applied();
            Map<String, Alert> firstCopy = new HashMap<>();
            applied.forEach(a -> firstCopy.put(a.id() + "#" + a.revision(), a));
            List<Alert> repeats = new ArrayList<>(all);
            repeats.removeIf(a -> firstCopy.get(a.id() + "#" + a.revision()) == a);
            LOG.info("after the restore: {} alert records, {} of them repeats of a revision already written",
                    all.size(), repeats.size());
            assertThat(repeats).as("a repeated revision says what the first copy said")
                    .allSatisfy(r -> assertThat(withoutEmission(r))
                            .isEqualTo(withoutEmission(firstCopy.get(r.id() + "#" + r.revision()))));
            DetectionScore.Truth truth = DetectionScore.readGroundTruth(groundTruth);
            DetectionScore score = new DetectionScore(truth, applied);
            LOG.info("after the restore ({} revisions applied):\n{}", applied.size(), score.table());
            Set<String> crowdedZones = truth.expected().stream().filter(w -> w.warning() == AlertType.CROWD_DENSITY)
                    .map(ExpectedWarning::zoneId).collect(Collectors.toSet());
            assertThat(crowdedZones).as("zones the ground truth expects past the blue line")
                    .hasSizeGreaterThanOrEqualTo(6);
            assertThat(score.results()).as("faults injected").hasSizeGreaterThanOrEqualTo(9);
            assertThat(score.episodes()).as("revisions 1..n, one raise, nothing after a clear: nothing lost")
                    .allMatch(Episode::wellFormed);
            assertThat(score.recall()).as(score.table()).isEqualTo(1.0);
            assertThat(score.precision()).as(score.table()).isEqualTo(1.0);
            assertThat(score.expectedRaised()).as("the holiday's own crowd warnings were raised: " + score.table())
                    .anyMatch(e -> e.type() == AlertType.CROWD_DENSITY);
        }
    }

    /** An alert record without its emission time, the one thing a replay may change. */
    private static Alert withoutEmission(Alert a) {
        return new Alert(a.id(), a.dedupKey(), a.type(), a.severity(), a.status(), a.revision(), a.sourceKind(),
                a.sourceId(), a.deviceId(), a.port(), a.location(), a.firstEventTs(), a.lastEventTs(), 0, a.summary(),
                a.recommendedAction(), a.evidence());
    }
}
