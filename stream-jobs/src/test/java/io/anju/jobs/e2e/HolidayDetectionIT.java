package io.anju.jobs.e2e;

import io.anju.common.alert.AlertType;
import io.anju.common.model.Device;
import io.anju.jobs.run.JobsRunner;
import io.anju.sim.run.SimStats;
import io.anju.sim.truth.ExpectedWarning;
import io.anju.sim.run.Simulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A holiday through the real pipeline (simulator → gateway → embedded Kafka → the alerting job in a Flink
 * MiniCluster → anju.alerts): 5.5 simulated hours of National Day evening at 120×, the Beiyuanmen street at 1.5 × an
 * ordinary day, with the simulator's automatic fault plan. The crowds pass the blue line in every zone; the ground
 * truth names those warnings as expected, so precision counts only real false alarms. Every fault is found, every
 * alert is explained by a fault or an expected warning, and at least one expected warning was raised, so the
 * holiday was really crowded.
 */
class HolidayDetectionIT {
    private static final Logger LOG = LoggerFactory.getLogger(HolidayDetectionIT.class);
    private static final double SPEED = 120;

    @Test
    void aHolidayScoresFullRecallAndPrecision_itsBlueZonesBeingExpected(@TempDir Path dir) throws Exception {
        long began = System.nanoTime();
        try (PlatformUnderTest platform = PlatformUnderTest.start(dir);
             JobsRunner jobs = platform.jobs(null).start();
             AlertsReader alerts = new AlertsReader(platform.kafka())) {
            List<Device> devices = platform.scenarioDevices(8);
            Path groundTruth = dir.resolve("ground-truth.jsonl");
            Simulation sim = platform.simulation(
                    Scenarios.holiday(devices, SPEED, platform.mqttUri(), groundTruth, dir.resolve("plan.json")),
                    new SimStats());
            try {
                sim.start();
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2))
                        .until(() -> sim.clock().now() >= Scenarios.HOLIDAY + Scenarios.HOLIDAY_LENGTH_MS);
            } finally {
                sim.close();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> alerts.quietFor(Duration.ofSeconds(6)));

            DetectionScore.Truth truth = DetectionScore.readGroundTruth(groundTruth);
            DetectionScore score = new DetectionScore(truth, alerts.all());
            LOG.info("holiday detection against ground truth ({} devices, {} alert records, {} s):\n{}",
                    devices.size(), alerts.all().size(), Duration.ofNanos(System.nanoTime() - began).toSeconds(),
                    score.table());
            Set<String> crowdedZones = truth.expected().stream().filter(w -> w.warning() == AlertType.CROWD_DENSITY)
                    .map(ExpectedWarning::zoneId).collect(Collectors.toSet());
            assertThat(crowdedZones).as("zones the ground truth expects past the blue line")
                    .hasSizeGreaterThanOrEqualTo(6);
            assertThat(score.results()).as("faults injected").hasSizeGreaterThanOrEqualTo(9);
            assertThat(score.recall()).as(score.table()).isEqualTo(1.0);
            assertThat(score.precision()).as(score.table()).isEqualTo(1.0);
            assertThat(score.expectedRaised()).as("the holiday's own crowd warnings were raised: " + score.table())
                    .anyMatch(e -> e.type() == AlertType.CROWD_DENSITY);
            assertThat(score.episodes()).allMatch(Episode::wellFormed);
        }
    }
}
