package io.anju.bench.e2e;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The lines are what Flink 2.2's Prometheus reporter printed for the platform's jobs (job and task ids shortened). */
class JobLagsTest {
    private static final String SCRAPE = """
            # HELP flink_taskmanager_job_task_operator_historyLagMs historyLagMs (scope: taskmanager_job_task_operator)
            # TYPE flink_taskmanager_job_task_operator_historyLagMs gauge
            flink_taskmanager_job_task_operator_historyLagMs{job_id="8e6b",task_id="9e0b",host="",operator_id="9e0b",operator_name="InfluxDB:_gates__zones__alerts:_Writer",task_name="InfluxDB:_gates__zones__alerts:_Writer",task_attempt_num="0",job_name="anju_history",tm_id="f67c",subtask_index="0",} 95000.0
            flink_taskmanager_job_task_operator_historyLagMs{job_id="8e6b",task_id="a452",host="",operator_id="43dd",operator_name="InfluxDB:_chargers:_Writer",task_name="charger_history____InfluxDB:_chargers:_Writer",task_attempt_num="0",job_name="anju_history",tm_id="f67c",subtask_index="1",} 2400.0
            flink_taskmanager_job_task_operator_historyLagMs{job_id="8e6b",task_id="a452",host="",operator_id="43dd",operator_name="InfluxDB:_chargers:_Writer",task_name="charger_history____InfluxDB:_chargers:_Writer",task_attempt_num="0",job_name="anju_history",tm_id="f67c",subtask_index="0",} 11873.0
            # HELP flink_taskmanager_job_task_operator_deserializer_receiveLagMs receiveLagMs (scope: taskmanager_job_task_operator_deserializer)
            # TYPE flink_taskmanager_job_task_operator_deserializer_receiveLagMs gauge
            flink_taskmanager_job_task_operator_deserializer_receiveLagMs{job_id="8e6b",task_id="bdb5",host="",operator_id="bdb5",operator_name="Source:_device_envelopes",task_name="Source:_device_envelopes____registry_attributes_____charger_telemetry__gate_events_",task_attempt_num="0",job_name="anju_history",tm_id="f67c",subtask_index="0",} 60000.0
            flink_taskmanager_job_task_operator_deserializer_receiveLagMs{job_id="fefc",task_id="7bf4",host="",operator_id="7bf4",operator_name="Source:_device_envelopes",task_name="Source:_device_envelopes____registry_attributes_____fire_signals_of_camera_detections__ebike_in_elevator_detections_",task_attempt_num="0",job_name="anju_alerts",tm_id="f67c",subtask_index="0",} 865.0
            flink_taskmanager_job_task_operator_deserializer_receiveLagMs{job_id="fefc",task_id="7bf4",host="",operator_id="7bf4",operator_name="Source:_device_envelopes",task_name="Source:_device_envelopes____registry_attributes_____fire_signals_of_camera_detections__ebike_in_elevator_detections_",task_attempt_num="0",job_name="anju_alerts",tm_id="f67c",subtask_index="1",} 1320.0
            """;

    @Test
    void alertingLagIsTheSlowestSourceSubtaskOfTheAlertingJobOnly() {
        // The history job's source is 60 s behind: not the alerting job's figure.
        assertThat(JobLags.read(SCRAPE).alertingMs()).isEqualTo(1320);
    }

    @Test
    void historyLagIsTheSlowestSubtaskOfTheChargersSinkOnly() {
        // The other sink is as old as the last alert or zone reading (95 s here): not a measure of falling behind.
        assertThat(JobLags.read(SCRAPE).historyMs()).isEqualTo(11_873);
    }

    @Test
    void jobNamesAreMatchedAsTheReporterWritesThem() {
        assertThat(JobLags.labelValue(JobLags.ALERTS_JOB)).isEqualTo("anju_alerts");
        assertThat(JobLags.labelValue(JobLags.CHARGERS_SINK)).isEqualTo("InfluxDB:_chargers");
    }

    @Test
    void aMissingOrNaNFigureIsAbsentNotZero() {
        String restarting = """
                flink_taskmanager_job_task_operator_deserializer_receiveLagMs{job_name="anju_alerts",subtask_index="0"} NaN
                flink_taskmanager_job_task_operator_historyLagMs{job_name="anju_history",operator_name="InfluxDB:_gates__zones__alerts:_Writer"} 10.0
                """;
        JobLags lags = JobLags.read(restarting);
        assertThat(lags.alertingMs()).isEqualTo(JobLags.ABSENT);
        assertThat(lags.historyMs()).isEqualTo(JobLags.ABSENT);
        assertThat(JobLags.read("")).isEqualTo(new JobLags(JobLags.ABSENT, JobLags.ABSENT));
    }
}
