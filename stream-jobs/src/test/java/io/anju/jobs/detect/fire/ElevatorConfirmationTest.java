package io.anju.jobs.detect.fire;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.jobs.input.CameraDetection;
import io.anju.jobs.input.ChargerEvent;
import io.anju.jobs.input.ChargerTelemetry;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ElevatorConfirmationTest extends FireFixtures {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static List<FireSignal> confirm(CameraDetection... detections) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<CameraDetection> in = env.fromData(detections).assignTimestampsAndWatermarks(
                WatermarkStrategy.<CameraDetection>forBoundedOutOfOrderness(Duration.ofSeconds(2))
                        .withTimestampAssigner((d, ts) -> d.ts()));
        List<FireSignal> out = new ArrayList<>();
        try (CloseableIterator<FireSignal> it = ElevatorConfirmation.confirm(in, ElevatorSettings.defaults())
                .executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void twoDetectionsOfOneCameraWithinTheWindowMakeOneConfirmation() throws Exception {
        List<FireSignal> out = confirm(
                detection(CAMERA, seconds(100), "ebike_in_elevator"),
                detection("cam-other", seconds(101), "smoke"),
                detection(CAMERA, seconds(103), "ebike_in_elevator"),
                // A background single on another camera, and one long after: no confirmation.
                detection("cam-0042-e2", seconds(102), "ebike_in_elevator"),
                detection(CAMERA, seconds(900), "ebike_in_elevator"));
        assertThat(out).hasSize(1);
        FireSignal c = out.get(0);
        assertThat(c.kind()).isEqualTo(FireSignal.Kind.EBIKE_IN_ELEVATOR_CONFIRMED);
        assertThat(c.deviceId()).isEqualTo(CAMERA);
        assertThat(c.ts()).isEqualTo(seconds(103));
        assertThat(c.value()).isEqualTo(3.0);
        assertThat(c.earlierSnapshotId()).isEqualTo(CAMERA + "-" + seconds(100));
        assertThat(c.snapshotId()).isEqualTo(CAMERA + "-" + seconds(103));
        assertThat(c.building()).isEqualTo("bldg-3");
        assertThat(c.compoundId()).isEqualTo(COMPOUND);
    }

    @Test
    void theWholeFireGraphRaisesTheFireRiskAndTheElevatorAdvisory() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<ChargerTelemetry> telemetry = env.fromData(
                        telemetry(STATION, minutes(0), false, 3.0, 40.0),
                        telemetry(STATION, minutes(0.5), true, 3.0, 69.0))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<ChargerTelemetry>forMonotonousTimestamps()
                        .withTimestampAssigner((t, ts) -> t.ts()));
        DataStream<ChargerEvent> events = env.fromData(event(STATION, minutes(0.5), "smoke", null, null))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<ChargerEvent>forMonotonousTimestamps()
                        .withTimestampAssigner((e, ts) -> e.ts()));
        DataStream<CameraDetection> cameras = env.fromData(
                        detection(CAMERA, minutes(1), "ebike_in_elevator"),
                        detection(CAMERA, minutes(1) + 3_000, "ebike_in_elevator"))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<CameraDetection>forMonotonousTimestamps()
                        .withTimestampAssigner((d, ts) -> d.ts()));
        List<Alert> out = new ArrayList<>();
        try (CloseableIterator<Alert> it = FireRiskDetector.alerts(
                FireSignals.of(telemetry, events, cameras, ElevatorSettings.defaults()),
                FireRiskSettings.defaults(), ElevatorSettings.defaults()).executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        assertThat(out).filteredOn(a -> a.status() == AlertStatus.RAISED).extracting(Alert::type, Alert::severity)
                .containsExactlyInAnyOrder(tuple(AlertType.FIRE_RISK, Severity.RED),
                        tuple(AlertType.EBIKE_IN_ELEVATOR, Severity.YELLOW));
    }

    @Test
    void detectionsSixSecondsApartOrDifferentCamerasConfirmNothing() throws Exception {
        assertThat(confirm(
                detection(CAMERA, seconds(100), "ebike_in_elevator"),
                detection(CAMERA, seconds(106), "ebike_in_elevator"),
                detection("cam-0042-e2", seconds(200), "ebike_in_elevator"),
                detection("cam-0042-e3", seconds(201), "ebike_in_elevator"))).isEmpty();
    }
}
