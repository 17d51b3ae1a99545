package io.anju.bench.e2e;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class E2eReportTest {
    private static final StopFigures NO_STOPS = new StopFigures(0, Distribution.EMPTY, Distribution.EMPTY,
            Distribution.EMPTY);

    @Test
    void durationsReadForPeople() {
        assertThat(E2eReport.sec(850)).isEqualTo("850 ms");
        assertThat(E2eReport.sec(1_000)).isEqualTo("1 s");
        assertThat(E2eReport.sec(3_240)).isEqualTo("3.2 s");
        assertThat(E2eReport.sec(41_700)).isEqualTo("42 s");
    }

    @Test
    void aProgressLineSaysWhatIsAbsentRatherThanZero() {
        String line = E2eReport.progress(120, 24_870, 24_901, new double[]{-1, -1}, Distribution.EMPTY,
                new JobLags(3_200, JobLags.ABSENT), new JobLags(4_100, JobLags.ABSENT),
                new ProbeLedger().summary(), new StopResult(NO_STOPS, NO_STOPS, List.of(), List.of(), 0, 0, 0, 0));
        assertThat(line).isEqualTo("t= 120s  acked 24,870/s, Kafka 24,901/s | PUBACK gateway p50 ? p99 ? (recent), "
                + "probe p99 ? | alerting lag 3.2 s (10 s max 4.1 s) | history lag absent | cases 0/0 probe readings "
                + "committed, p99 0 ms | stops 0/0 in the case, 0 not confirmed");
    }
}
