package io.anju.conformance.check;

import io.anju.common.model.Channel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClockCheckTest {
    private final ClockCheck check = new ClockCheck();

    private static LogBuilder offBy(long ms) {
        LogBuilder log = LogBuilder.charger().connected(0);
        for (long t = 1_000; t < 300_000; t += 30_000) {
            log.message(Channel.TELEMETRY, t, t + ms, "");
        }
        return log;
    }

    @Test
    void tenMinutesAhead_fails_fortySeconds_warns_aSecond_passes() {
        assertThat(check.run(offBy(600_000).until(300_000)).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(check.run(offBy(-40_000).until(300_000)).verdict()).isEqualTo(Verdict.WARN);
        assertThat(check.run(offBy(1_000).until(300_000)).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void theWill_stampedWhenTheDeviceConnected_isNotJudged() {
        assertThat(check.run(offBy(0).will(900_000, 0).until(900_000)).verdict()).isEqualTo(Verdict.PASS);
    }
}
