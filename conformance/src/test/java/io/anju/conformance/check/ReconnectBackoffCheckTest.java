package io.anju.conformance.check;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ReconnectBackoffCheckTest {
    private static final long REFUSE_MS = 20_000;
    private final ReconnectBackoffCheck check = new ReconnectBackoffCheck();

    /** A device dropped at 10 s that tries at the given waits (ms) until the window ends, then gets in. */
    private static LogBuilder attempts(long... waits) {
        LogBuilder log = LogBuilder.charger().connected(0).kit(10_000, 10_000 + REFUSE_MS).disconnected(10_000, "connection_lost");
        long t = 10_000;
        for (long w : waits) {
            t += w;
            if (t <= 10_000 + REFUSE_MS) {
                log.refused(t, "banned");
            } else {
                log.connected(t);
                return log;
            }
        }
        return log.connected(t + 1);
    }

    @Test
    void reconnectingEvery200ms_failsAsTheGatewayWouldBanIt() {
        long[] waits = new long[120];
        java.util.Arrays.fill(waits, 200);
        Finding f = check.run(attempts(waits).until(60_000));
        assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(f.summary()).contains("attempts within a minute");
    }

    @Test
    void reconnectingEvery3sWithoutGrowth_failsForWaitsThatDoNotGrow() {
        Finding f = check.run(attempts(3_000, 3_000, 3_000, 3_000, 3_000, 3_000, 3_000, 3_000).until(60_000));
        assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(f.summary()).contains("did not grow");
    }

    @Test
    void exponentialBackoffWithFullJitter_neverFails() {
        Random rng = new Random(42);
        for (int run = 0; run < 20_000; run++) {
            long[] waits = new long[20];
            for (int n = 0; n < waits.length; n++) {
                waits[n] = (long) (rng.nextDouble() * (Math.min(120_000, 1_000L << n) + 1));
            }
            Finding f = check.run(attempts(waits).until(400_000));
            assertThat(f.verdict()).as("run %d: %s", run, f.evidence()).isEqualTo(Verdict.PASS);
        }
    }

    @Test
    void noReconnectAtAll_fails() {
        LogBuilder log = LogBuilder.charger().connected(0).kit(10_000, 30_000).refused(12_000, "banned");
        assertThat(check.run(log.until(60_000)).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void speed_attemptsAreJudgedInRealTime() {
        // at ×30, 12 attempts 2 s apart in real time are a minute apart on the device's clock: still a ban
        LogBuilder log = LogBuilder.charger().speed(30).connected(0).kit(300_000, 300_000 + 30 * 30_000);
        for (int i = 1; i <= 12; i++) {
            log.refused(300_000 + i * 60_000L, "banned");
        }
        log.connected(300_000 + 13 * 60_000L);
        Finding f = check.run(log.until(2_000_000));
        assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(f.summary()).contains("attempts within a minute");
    }

    @Test
    void notDropped_isNotApplicable() {
        assertThat(check.run(LogBuilder.charger().connected(0).until(60_000)).verdict())
                .isEqualTo(Verdict.NOT_APPLICABLE);
    }
}
