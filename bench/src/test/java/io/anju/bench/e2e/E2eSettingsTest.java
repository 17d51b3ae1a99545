package io.anju.bench.e2e;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class E2eSettingsTest {

    @Test
    void defaultsAimAtTheIssuesLoad() {
        E2eSettings d = E2eSettings.defaults();
        assertThat(d.rate()).isEqualTo(25_000);
        assertThat(d.duration()).isEqualTo(Duration.ofMinutes(10));
        // 5 msg/s per device: far under the gateway's default per-device limit of 50/s.
        assertThat(d.rate() / d.connections()).isEqualTo(5);
        // The issue's goals.
        assertThat(E2eSettings.ALERTING_LAG_GOAL).isEqualTo(Duration.ofSeconds(1));
        assertThat(E2eSettings.CASE_P99_GOAL).isEqualTo(Duration.ofMillis(250));
        // At least one probe charger per partition of the charger topic (6 by default).
        assertThat(d.caseProbeChargers()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void aBadValueIsRejectedNamingTheSetting() {
        E2eSettings d = E2eSettings.defaults();
        assertThatThrownBy(() -> new E2eSettings(0, d.duration(), d.connections(), d.window(), d.connectRate(),
                d.probePeriod(), d.drainTimeout(), d.warmupTimeout(), d.viewer(), d.caseProbeChargers(),
                d.caseProbeEvery()))
                .hasMessage("bench.rate must be 1..1000000 (was 0)");
        assertThatThrownBy(() -> new E2eSettings(d.rate(), Duration.ofSeconds(5), d.connections(), d.window(),
                d.connectRate(), d.probePeriod(), d.drainTimeout(), d.warmupTimeout(), d.viewer(),
                d.caseProbeChargers(), d.caseProbeEvery()))
                .hasMessageContaining("bench.duration must be 10 s..24 h");
        assertThatThrownBy(() -> new E2eSettings(d.rate(), d.duration(), d.connections(), d.window(),
                d.connectRate(), d.probePeriod(), d.drainTimeout(), d.warmupTimeout(), d.viewer(), 1,
                d.caseProbeEvery()))
                .hasMessage("bench.caseProbeChargers must be 2..64 (was 1)");
        assertThatThrownBy(() -> new E2eSettings(d.rate(), d.duration(), d.connections(), d.window(),
                d.connectRate(), d.probePeriod(), d.drainTimeout(), d.warmupTimeout(), d.viewer(),
                d.caseProbeChargers(), Duration.ofMillis(500)))
                .hasMessageContaining("bench.caseProbeEvery must be 1 s..1 min");
    }
}
