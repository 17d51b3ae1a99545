package io.anju.jobs.e2e;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertType;
import io.anju.common.model.Device;
import io.anju.testsupport.InfluxServer;
import io.anju.jobs.run.JobsRunner;
import io.anju.sim.run.SimStats;
import io.anju.sim.run.Simulation;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole path with real parts: simulator (Paho, MQTT 3.1.1 and 5) → gateway → embedded Kafka → the alerting and
 * history jobs in a Flink MiniCluster → anju.alerts (read committed) and a real InfluxDB server. Four simulated hours
 * of an ordinary evening at 120×, with the simulator's automatic fault plan (every fault kind at least once) and
 * chargers whose clocks cannot be trusted ({@link WrongClocks}), scored against its ground truth: every fault, the
 * wrong clocks' own included, exactly one alert of the right type and severity at the right place in time, and nothing
 * else: no device is reported offline that did not go offline, and no alert is dated by a wrong clock.
 */
class ScenarioDetectionIT {
    private static final Logger LOG = LoggerFactory.getLogger(ScenarioDetectionIT.class);
    private static final double SPEED = 120;

    @Test
    void everyInjectedFault_raisesExactlyOneAlert_andTheFaultFreeRestRaisesNone_wrongClocksBlindingNoOne(
            @TempDir Path dir) throws Exception {
        try (InfluxServer influx = new InfluxServer().start();
             PlatformUnderTest platform = PlatformUnderTest.start(dir);
             JobsRunner jobs = platform.jobs(influx).start();
             AlertsReader alerts = new AlertsReader(platform.kafka())) {
            WrongClocks wrongClocks = new WrongClocks(platform, platform.scenarioDevices(24));
            List<Device> devices = wrongClocks.devices;
            Path groundTruth = dir.resolve("ground-truth.jsonl");
            Simulation sim = platform.simulation(
                    wrongClocks.evening(SPEED, platform.mqttUri(), groundTruth, dir.resolve("plan.json")),
                    new SimStats());
            try {
                sim.start();
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2))
                        .until(() -> sim.clock().now() >= Scenarios.EVENING + Scenarios.LENGTH_MS);
            } finally {
                sim.close();
            }
            // Let the last checkpoints commit what the detectors emitted.
            await().atMost(Duration.ofSeconds(60)).until(() -> alerts.quietFor(Duration.ofSeconds(6)));

            List<Alert> applied = alerts.applied();
            DetectionScore score = new DetectionScore(DetectionScore.readGroundTruth(groundTruth), applied);
            LOG.info("detection against ground truth ({} devices, {} with a wrong clock, {} alert revisions):\n{}",
                    devices.size(), wrongClocks.skewed.size(), applied.size(), score.table());
            assertThat(score.results()).as("faults injected").hasSizeGreaterThanOrEqualTo(12);
            assertThat(score.results()).as("the wrong clocks' own faults")
                    .filteredOn(r -> wrongClocks.skewed.contains(r.fault().deviceId())).hasSizeGreaterThanOrEqualTo(3)
                    .allMatch(DetectionScore.FaultResult::detected);
            assertThat(score.recall()).as(score.table()).isEqualTo(1.0);
            assertThat(score.precision()).as(score.table()).isEqualTo(1.0);
            assertThat(score.episodes()).allMatch(Episode::wellFormed);
            assertThat(applied).as("no alert is dated by a wrong clock")
                    .allSatisfy(a -> assertThat(a.firstEventTs()).isBetween(Scenarios.EVENING,
                            Scenarios.EVENING + Scenarios.LENGTH_MS + WrongClocks.DAY / 24));
            assertThat(applied).as("the charger whose clock was reset half-way is never reported offline")
                    .noneMatch(a -> a.type() == AlertType.DEVICE_OFFLINE
                            && wrongClocks.resetHalfWay.equals(a.deviceId()));

            // The history job wrote the series of docs/data-model.md, alerts included.
            try (InfluxDB db = InfluxDBFactory.connect(influx.url(), influx.username(), influx.password())) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(count(db, "SELECT count(\"total_power_w\") FROM \"charger_station\"")).isPositive();
                    // Every port reading is in a minute's figures; raw ones only at first readings and changes.
                    assertThat(count(db, "SELECT count(\"readings\") FROM \"charger_port_minute\"")).isPositive();
                    assertThat(count(db, "SELECT count(\"power_w\") FROM \"charger_port\"")).isPositive();
                    assertThat(count(db, "SELECT count(\"previous_state\") FROM \"charger_port\""))
                            .as("changes of state during the evening").isPositive();
                    assertThat(count(db, "SELECT count(\"density\") FROM \"crowd_zone\"")).isPositive();
                    assertThat(count(db, "SELECT count(\"forecast_min\") FROM \"crowd_zone\"")).isPositive();
                    assertThat(count(db, "SELECT count(\"denied\") FROM \"gate_traffic\"")).isPositive();
                    assertThat(count(db, "SELECT count(\"revision\") FROM \"alert\""))
                            .isEqualTo(alerts.all().size());
                    long cited = alerts.all().stream()
                            .mapToLong(a -> a.evidence() == null ? 0 : a.evidence().size()).sum();
                    assertThat(count(db, "SELECT count(\"alert_id\") FROM \"alert_evidence\""))
                            .as("the readings the alerts cite (one point per reading)").isPositive()
                            .isLessThanOrEqualTo(cited);
                });
            }
        }
    }

    /** The single count an InfluxQL count query returns, summed over its series; 0 when there is none. */
    private static long count(InfluxDB db, String influxQl) {
        QueryResult result = db.query(new Query(influxQl, "anju"));
        long total = 0;
        for (QueryResult.Result r : result.getResults()) {
            if (r.getSeries() == null) {
                continue;
            }
            for (QueryResult.Series series : r.getSeries()) {
                for (List<Object> row : series.getValues()) {
                    total += ((Number) row.get(1)).longValue();
                }
            }
        }
        return total;
    }
}
