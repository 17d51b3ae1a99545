package io.anju.dashboards.ops;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusTextTest {

    @Test
    void readsNamesLabelsAndValuesAndSkipsCommentsAndOddLines() {
        PrometheusText t = PrometheusText.parse("""
                # HELP anju_gateway_messages_total Messages
                # TYPE anju_gateway_messages_total counter
                anju_gateway_messages_total{status="forwarded",type="charger",} 120.0
                anju_gateway_messages_total{status="forwarded",type="crowd_counter"} 30
                anju_gateway_messages_total{status="quarantined",type="charger"} 2.0 1700000000000
                anju_gateway_connections 42.0
                odd_label{a="unterminated} 1
                flink_taskmanager_job_task_operator_pendingRecords{job_name="crowd",subtask_index="0"} 5.0
                flink_taskmanager_job_task_operator_pendingRecords{job_name="crowd",subtask_index="1"} NaN
                escaped{path="a\\"b\\\\c"} 1e3
                """);
        assertThat(t.sum("anju_gateway_messages_total")).isEqualTo(152.0);
        assertThat(t.sum("anju_gateway_messages_total", l -> "forwarded".equals(l.get("status")))).isEqualTo(150.0);
        assertThat(t.sum("anju_gateway_connections")).isEqualTo(42.0);
        assertThat(t.sumEndingWith("_pendingRecords")).as("NaN left out").isEqualTo(5.0);
        assertThat(t.has("odd_label")).isFalse();
        assertThat(t.named("escaped")).singleElement().satisfies(s -> {
            assertThat(s.labels()).containsEntry("path", "a\"b\\c");
            assertThat(s.value()).isEqualTo(1000.0);
        });
        assertThat(t.sum("absent")).isZero();
    }
}
