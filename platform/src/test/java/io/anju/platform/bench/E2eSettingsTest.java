package io.anju.platform.bench;

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
    }

    @Test
    void aBadValueIsRejectedNamingTheSetting() {
        E2eSettings d = E2eSettings.defaults();
        assertThatThrownBy(() -> new E2eSettings(0, d.duration(), d.connections(), d.window(), d.connectRate(),
                d.probePeriod(), d.drainTimeout(), d.warmupTimeout(), d.viewer()))
                .hasMessage("bench.rate must be 1..1000000 (was 0)");
        assertThatThrownBy(() -> new E2eSettings(d.rate(), Duration.ofSeconds(5), d.connections(), d.window(),
                d.connectRate(), d.probePeriod(), d.drainTimeout(), d.warmupTimeout(), d.viewer()))
                .hasMessageContaining("bench.duration must be 10 s..24 h");
    }
}
