package io.anju.jobs.e2e;

import io.anju.common.alert.Alert;
import io.anju.common.model.Device;
import io.anju.jobs.run.JobsRunner;
import io.anju.jobs.topology.AlertsJob;
import io.anju.sim.run.SimStats;
import io.anju.sim.run.Simulation;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing lost, nothing applied twice across a crash: the alerting job is killed (no savepoint) in the middle of the
 * scenario while the devices keep publishing, then a new MiniCluster restores it from its last checkpoint. The job
 * writes at least once, so the revisions it emitted after that checkpoint are written again; each repeat must be the
 * same revision (same id, status, severity, summary and evidence; only the emission time differs), so a reader that
 * applies each {@code (id, revision)} once ends with every revision 1..n of every alert exactly once, and the scenario
 * still scores fully.
 */
class AlertsRecoveryIT {
    private static final Logger LOG = LoggerFactory.getLogger(AlertsRecoveryIT.class);
    private static final double SPEED = 120;

    @Test
    void aJobKilledMidScenario_andRestoredFromItsCheckpoint_neitherDuplicatesNorLosesAlerts(@TempDir Path dir)
            throws Exception {
        try (PlatformUnderTest platform = PlatformUnderTest.start(dir);
             AlertsReader alerts = new AlertsReader(platform.kafka())) {
            List<Device> devices = platform.scenarioDevices(24);
            Path groundTruth = dir.resolve("ground-truth.jsonl");
            Simulation sim = platform.simulation(
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
                LOG.info("alerting job killed at simulated {} with {} alert records written", half, before);
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
            DetectionScore score = new DetectionScore(DetectionScore.readGroundTruth(groundTruth), applied);
            LOG.info("after the restore ({} revisions applied):\n{}", applied.size(), score.table());
            assertThat(score.episodes()).as("revisions 1..n, one raise, nothing after a clear: nothing lost")
                    .allMatch(Episode::wellFormed);
            assertThat(score.recall()).as(score.table()).isEqualTo(1.0);
            assertThat(score.precision()).as(score.table()).isEqualTo(1.0);
        }
    }

    /** An alert record without its emission time, the one thing a replay may change. */
    private static Alert withoutEmission(Alert a) {
        return new Alert(a.id(), a.dedupKey(), a.type(), a.severity(), a.status(), a.revision(), a.sourceKind(),
                a.sourceId(), a.deviceId(), a.port(), a.location(), a.firstEventTs(), a.lastEventTs(), 0, a.summary(),
                a.recommendedAction(), a.evidence());
    }
}
