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
                .hasMessage("setting --rate = '0': must be between 1 and 1000000");
        assertThatThrownBy(() -> new E2eSettings(d.rate(), Duration.ofSeconds(5), d.connections(), d.window(),
                d.connectRate(), d.probePeriod(), d.drainTimeout(), d.warmupTimeout(), d.viewer(),
                d.caseProbeChargers(), d.caseProbeEvery()))
                .hasMessage("setting --duration = '5s': must be 10s or more, under 24h");
        assertThatThrownBy(() -> new E2eSettings(d.rate(), d.duration(), d.connections(), d.window(),
                d.connectRate(), d.probePeriod(), d.drainTimeout(), d.warmupTimeout(), d.viewer(), 1,
                d.caseProbeEvery()))
                .hasMessage("setting --case-probe-chargers = '1': must be between 2 and 64");
        assertThatThrownBy(() -> new E2eSettings(d.rate(), d.duration(), d.connections(), d.window(),
                d.connectRate(), d.probePeriod(), d.drainTimeout(), d.warmupTimeout(), d.viewer(),
                d.caseProbeChargers(), Duration.ofMillis(500)))
                .hasMessage("setting --case-probe-every = '500ms': must be between 1s and 1m");
    }
}
