package io.anju.jobs.e2e;

import io.anju.common.alert.Alert;
import io.anju.common.model.Device;
import io.anju.jobs.run.JobsRunner;
import io.anju.jobs.topology.AlertsJob;
import io.anju.sim.run.SimStats;
import io.anju.sim.run.Simulation;
import io.anju.sim.run.SimulationFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exactly once across a crash: the alerting job is killed (no savepoint) in the middle of the scenario while the
 * devices keep publishing, then a new MiniCluster restores it from its last checkpoint. The alerts topic, read
 * committed, holds every revision of every alert exactly once, and the scenario still scores fully.
 */
class AlertsRecoveryIT {
    private static final Logger LOG = LoggerFactory.getLogger(AlertsRecoveryIT.class);
    private static final double SPEED = 120;

    @Test
    void aJobKilledMidScenario_andRestoredFromItsCheckpoint_neitherDuplicatesNorLosesAlerts(@TempDir Path dir)
            throws Exception {
        try (PlatformUnderTest platform = PlatformUnderTest.start(dir);
             AlertsReader alerts = new AlertsReader(platform.bootstrap())) {
            List<Device> devices = platform.scenarioDevices(24);
            Path groundTruth = dir.resolve("ground-truth.jsonl");
            Simulation sim = SimulationFactory.create(platform.registry, platform.secrets,
                    Scenarios.evening(devices, SPEED, platform.mqttUri(), groundTruth, dir.resolve("plan.json")),
                    new SimStats());
            JobsRunner first = platform.jobs(null).start();
            JobsRunner second = null;
            try {
                sim.start();
                long half = Scenarios.EVENING + Scenarios.LENGTH_MS / 2;
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> sim.clock().now() >= half);
                int before = alerts.all().size();
                first.kill();
                LOG.info("alerting job killed at simulated {} with {} alert records committed", half, before);
                // The devices go on publishing while the job is down; the restored job must catch up on them.
                Thread.sleep(5_000);
                second = platform.jobs(null).start();
                assertThat(second.restoredFrom(AlertsJob.NAME)).as("restored from the killed job's checkpoint")
                        .hasValueSatisfying(p -> assertThat(p.getFileName().toString()).startsWith("chk-"));
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                        .until(() -> sim.clock().now() >= Scenarios.EVENING + Scenarios.LENGTH_MS);
            } finally {
                sim.close();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> alerts.quietFor(Duration.ofSeconds(6)));
            second.close();

            List<Alert> all = alerts.all();
            Set<String> revisions = new HashSet<>();
            List<String> duplicates = all.stream().map(a -> a.id() + "#" + a.revision())
                    .filter(key -> !revisions.add(key)).toList();
            assertThat(duplicates).as("alert revisions written twice").isEmpty();
            DetectionScore score = new DetectionScore(DetectionScore.readGroundTruth(groundTruth), all);
            LOG.info("after the restore ({} alert records):\n{}", all.size(), score.table());
            assertThat(score.episodes()).as("revisions 1..n, one raise, nothing after a clear: nothing lost")
                    .allMatch(Episode::wellFormed);
            assertThat(score.recall()).as(score.table()).isEqualTo(1.0);
            assertThat(score.precision()).as(score.table()).isEqualTo(1.0);
        }
    }
}
