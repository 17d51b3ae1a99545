package io.anju.bench.jobs.measure;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * g1-gc-log.txt: lines of real G1 logs (JDK 17, -Xlog:gc*:…:uptime,level,tags) with young, remark, cleanup and full
 * pauses, a concurrent cycle, and one pause after 40 s.
 */
class GcSummaryTest {
    private static String log() throws IOException {
        try (InputStream in = GcSummaryTest.class.getResourceAsStream("/g1-gc-log.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void countsThePausesOfTheWindowOnly_notConcurrentPhasesNorPausesOutsideIt() throws IOException {
        GcSummary gc = GcSummary.of(log().lines(), 20.0, 40.0);

        assertThat(gc.pauses()).isEqualTo(4);
        assertThat(gc.byKind()).isEqualTo(Map.of("Young", 1, "Remark", 1, "Cleanup", 1, "Full", 1));
        assertThat(gc.totalMs()).isCloseTo(15.309 + 8.251 + 0.938 + 33.572, within(1e-9));
        assertThat(gc.maxMs()).isEqualTo(33.572);
        assertThat(gc.cpuSeconds()).isCloseTo(0.02 + 0.02 + 0.00 + 0.04, within(1e-9));
    }

    @Test
    void aWindowWithoutPauses_isZero() throws IOException {
        GcSummary gc = GcSummary.of(log().lines(), 0.0, 20.0);

        assertThat(gc.pauses()).isZero();
        assertThat(gc.totalMs()).isZero();
        assertThat(gc.byKind()).isEmpty();
    }

    @Test
    void theLogFile_isFoundInTheJvmsOwnXlogOption() {
        assertThat(GcLog.fileIn(List.of("-Xms3g", "-Xlog:gc*:file=/data/bench/jobs-gc-backlog.log:uptime,level,tags",
                "-XX:+UseG1GC"))).contains(Path.of("/data/bench/jobs-gc-backlog.log"));
        assertThat(GcLog.fileIn(List.of("-Xms3g", "-Xlog:safepoint"))).isEmpty();
    }

    @Test
    void aChildJvmWritesItsOwnLog_namedAfterTheSuffix() {
        assertThat(GcLog.withFileSuffix("-Xlog:gc*:file=/d/gc-search.log:uptime,level,tags:filecount=0", "-30000"))
                .isEqualTo("-Xlog:gc*:file=/d/gc-search-30000.log:uptime,level,tags:filecount=0");
        assertThat(GcLog.withFileSuffix("-Xlog:gc*:file=/d.x/gc", "-1")).isEqualTo("-Xlog:gc*:file=/d.x/gc-1");
        assertThat(GcLog.withFileSuffix("-Xmx3g", "-1")).isEqualTo("-Xmx3g");
    }
}
