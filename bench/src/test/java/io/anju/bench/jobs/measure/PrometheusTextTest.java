package io.anju.bench.jobs.measure;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** flink-metrics.txt: a real scrape of Flink 2.2's Prometheus reporter, cut to the metrics the bench reads. */
class PrometheusTextTest {
    private static String scrape() throws IOException {
        try (InputStream in = PrometheusTextTest.class.getResourceAsStream("/flink-metrics.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsEverySampleOfFlinksReporter_withItsLabels() throws IOException {
        List<PrometheusText.Sample> samples = PrometheusText.parse(scrape());

        assertThat(samples).hasSize(24);
        PrometheusText.Sample first = samples.get(0);
        assertThat(first.name()).isEqualTo("flink_taskmanager_job_task_accumulateBusyTimeMs");
        assertThat(first.label("task_name")).startsWith("device_detectors_____alerts_of_devices:_Writer");
        assertThat(first.label("subtask_index")).isEqualTo("1");
        assertThat(first.label("job_name")).isEqualTo("anju_alerts");
        assertThat(first.value()).isEqualTo(4156.0);
    }

    @Test
    void unescapesLabelValues_andReadsSpecialNumbersAndTimestamps() {
        List<PrometheusText.Sample> samples = PrometheusText.parse(
                "m{a=\"x\\\"y\\\\z\\nw\",b=\"\"} NaN 1764378000000\n"
                        + "  m2 +Inf\n"
                        + "m3{c=\"1,2}\",} -3.5e2\n");

        assertThat(samples.get(0).label("a")).isEqualTo("x\"y\\z\nw");
        assertThat(samples.get(0).label("b")).isEmpty();
        assertThat(samples.get(0).value()).isNaN();
        assertThat(samples.get(1).value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(samples.get(2).label("c")).isEqualTo("1,2}");
        assertThat(samples.get(2).value()).isEqualTo(-350.0);
    }

    @Test
    void aLineThatIsNoSample_isAnError() {
        assertThatThrownBy(() -> PrometheusText.parse("ok 1\nbroken{a=\"1\" 2\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> PrometheusText.parse("m{a=1} 2\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrometheusText.parse("m{a=\"1\"} many\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theJobsFigures_comeFromTheMetricsItReads() throws IOException {
        JobSnapshot s = JobSnapshot.of(PrometheusText.parse(scrape()));

        // currentOffset is the last record emitted: 4 partitions at 1580, 1923, 1692, 1729 and one with none yet (−1).
        assertThat(s.consumed()).isEqualTo(1581 + 1924 + 1693 + 1730);
        assertThat(s.partitions()).isEqualTo(5);
        assertThat(s.receiveLagMs()).isEqualTo(4236);
        assertThat(s.undecodable()).isEqualTo(3);
        assertThat(s.clockCorrected()).isEqualTo(2);
        assertThat(s.tasks()).hasSize(4);
        String detectors = s.tasks().keySet().stream().map(JobSnapshot.TaskKey::task)
                .filter(t -> t.startsWith("device_detectors")).findFirst().orElseThrow();
        assertThat(s.tasks().get(new JobSnapshot.TaskKey(detectors, 1)))
                .isEqualTo(new TaskTime(4156.0, 0.0, 16391.0));
    }
}
