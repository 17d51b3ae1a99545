package io.anju.jobs.detect.fire;

import io.anju.jobs.input.CameraDetection;
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
    void detectionsSixSecondsApartOrDifferentCamerasConfirmNothing() throws Exception {
        assertThat(confirm(
                detection(CAMERA, seconds(100), "ebike_in_elevator"),
                detection(CAMERA, seconds(106), "ebike_in_elevator"),
                detection("cam-0042-e2", seconds(200), "ebike_in_elevator"),
                detection("cam-0042-e3", seconds(201), "ebike_in_elevator"))).isEmpty();
    }
}
