package io.anju.bench.jobs.measure;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TaskUsageTest {
    private static final String SOURCE =
            "Source:_device_envelopes____registry_attributes_____fire_signals_of_camera_detections_";
    private static final String DETECTORS = "device_detectors_____alerts_of_devices:_Writer";

    private static JobSnapshot snapshot(Map<JobSnapshot.TaskKey, TaskTime> tasks) {
        return new JobSnapshot(0, 0, 0, 0, 0, tasks);
    }

    @Test
    void meansOverTheWindowAndTheSubtasks_busiestFirst() {
        JobSnapshot from = snapshot(Map.of(
                new JobSnapshot.TaskKey(SOURCE, 0), new TaskTime(1_000, 0, 9_000),
                new JobSnapshot.TaskKey(SOURCE, 1), new TaskTime(2_000, 0, 8_000),
                new JobSnapshot.TaskKey(DETECTORS, 0), new TaskTime(5_000, 500, 4_500)));
        JobSnapshot to = snapshot(Map.of(
                new JobSnapshot.TaskKey(SOURCE, 0), new TaskTime(5_000, 2_000, 13_000),
                new JobSnapshot.TaskKey(SOURCE, 1), new TaskTime(8_000, 2_000, 10_000),
                new JobSnapshot.TaskKey(DETECTORS, 0), new TaskTime(13_000, 500, 6_500),
                // started after the first snapshot: left out
                new JobSnapshot.TaskKey(DETECTORS, 1), new TaskTime(100, 0, 0)));

        List<TaskUsage> usage = TaskUsage.between(from, to, 10.0);

        assertThat(usage).containsExactly(
                new TaskUsage("device detectors → …", 1, new TaskTime(800, 0, 200), 800),
                new TaskUsage("Source: device envelopes → …", 2, new TaskTime(500, 200, 300), 600));
    }

    @Test
    void aTaskOfOneOperator_keepsItsName() {
        assertThat(TaskUsage.shortName("confirm_ebike_in_elevator")).isEqualTo("confirm ebike in elevator");
    }
}
