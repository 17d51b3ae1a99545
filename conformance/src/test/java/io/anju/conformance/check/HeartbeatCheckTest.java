package io.anju.conformance.check;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatCheckTest {
    private final HeartbeatCheck check = new HeartbeatCheck();

    @Test
    void statusEvery90s_passes() {
        LogBuilder log = LogBuilder.charger().connected(0);
        for (long t = 100; t < 600_000; t += 90_000) {
            log.status(t);
        }
        assertThat(check.run(log.until(600_000)).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void onlyTheOnlineStatusAtConnect_failsWithTheSilence() {
        Finding f = check.run(LogBuilder.charger().connected(0).status(100).until(600_000));
        assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(f.summary()).contains("600 s");
    }

    @Test
    void timeOfflineBetweenConnections_isNotASilence() {
        LogBuilder log = LogBuilder.charger().connected(0).status(100).status(90_000).disconnected(120_000, "connection_lost")
                .connected(500_000).status(500_100).status(590_000);
        assertThat(check.run(log.until(600_000)).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void atSpeed_theCadenceIsTheDevicesOwnClock() {
        // receive times are on the device's (×30) clock: 90 s apart on it is 3 s of real time
        LogBuilder log = LogBuilder.charger().speed(30).connected(0);
        for (long t = 100; t < 900_000; t += 90_000) {
            log.status(t);
        }
        assertThat(check.run(log.until(900_000)).verdict()).isEqualTo(Verdict.PASS);
    }
}
