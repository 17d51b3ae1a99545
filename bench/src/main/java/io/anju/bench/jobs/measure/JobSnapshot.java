package io.anju.bench.jobs.measure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerting job's figures at one moment, from one scrape of Flink's Prometheus reporter.
 *
 * @param consumed       records the Kafka source has emitted, over every input partition it reads: Σ (its
 *                       {@code currentOffset} + 1), the offset being that of the last record it emitted (−1 before
 *                       the first)
 * @param partitions     input partitions the source reports an offset for (all of them once it has started)
 * @param receiveLagMs   the decoder's {@code receiveLagMs}, the largest over the source's subtasks: wall clock − the
 *                       gateway receive time of the newest envelope it read
 * @param undecodable    the decoder's {@code undecodableRecords}, summed
 * @param clockCorrected the decoder's {@code clockCorrectedReadings}, summed
 * @param tasks          each subtask's busy, back-pressured and idle ms since it started
 */
public record JobSnapshot(long consumed, int partitions, long receiveLagMs, long undecodable, long clockCorrected,
                          Map<TaskKey, TaskTime> tasks) {
    static final String CURRENT_OFFSET =
            "flink_taskmanager_job_task_operator_KafkaSourceReader_topic_partition_currentOffset";
    static final String RECEIVE_LAG = "flink_taskmanager_job_task_operator_deserializer_receiveLagMs";
    static final String UNDECODABLE = "flink_taskmanager_job_task_operator_deserializer_undecodableRecords";
    static final String CLOCK_CORRECTED = "flink_taskmanager_job_task_operator_deserializer_clockCorrectedReadings";
    static final String BUSY = "flink_taskmanager_job_task_accumulateBusyTimeMs";
    static final String BACK_PRESSURED = "flink_taskmanager_job_task_accumulateBackPressuredTimeMs";
    static final String IDLE = "flink_taskmanager_job_task_accumulateIdleTimeMs";
    /** Every metric this reads: the scrape asks for these only. */
    static final List<String> NAMES = List.of(CURRENT_OFFSET, RECEIVE_LAG, UNDECODABLE, CLOCK_CORRECTED, BUSY,
            BACK_PRESSURED, IDLE);

    /** One subtask: the task's name as Flink's reporter labels it, and its index. */
    public record TaskKey(String task, int subtask) {
    }

    public static JobSnapshot of(List<PrometheusText.Sample> samples) {
        long consumed = 0;
        int partitions = 0;
        long receiveLag = 0;
        long undecodable = 0;
        long corrected = 0;
        Map<TaskKey, double[]> times = new HashMap<>();
        for (PrometheusText.Sample s : samples) {
            switch (s.name()) {
                case CURRENT_OFFSET -> {
                    consumed += (long) s.value() + 1;
                    partitions++;
                }
                case RECEIVE_LAG -> receiveLag = Math.max(receiveLag, (long) s.value());
                case UNDECODABLE -> undecodable += (long) s.value();
                case CLOCK_CORRECTED -> corrected += (long) s.value();
                case BUSY -> time(times, s)[0] = s.value();
                case BACK_PRESSURED -> time(times, s)[1] = s.value();
                case IDLE -> time(times, s)[2] = s.value();
                default -> {
                }
            }
        }
        Map<TaskKey, TaskTime> tasks = new HashMap<>();
        times.forEach((k, t) -> tasks.put(k, new TaskTime(t[0], t[1], t[2])));
        return new JobSnapshot(consumed, partitions, receiveLag, undecodable, corrected, Map.copyOf(tasks));
    }

    private static double[] time(Map<TaskKey, double[]> times, PrometheusText.Sample s) {
        return times.computeIfAbsent(new TaskKey(s.label("task_name"), Integer.parseInt(s.label("subtask_index"))),
                k -> new double[3]);
    }
}
