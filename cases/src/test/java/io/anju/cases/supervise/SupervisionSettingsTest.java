package io.anju.cases.supervise;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SupervisionSettingsTest {

    @Test
    void defaults() {
        SupervisionSettings s = SupervisionSettings.defaults();
        assertThat(s.remindEvery()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.escalateAfter()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.ackRemindEvery()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.ackEscalateAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.batch()).isEqualTo(200);
    }

    @Test
    void invalidSettingsAreRefusedNamingTheSetting() {
        Duration m = Duration.ofMinutes(1);
        assertThatThrownBy(() -> new SupervisionSettings(Duration.ZERO, m, m, m, m, 1))
                .hasMessage("setting supervision.remindEvery = '0s': must be positive");
        assertThatThrownBy(() -> new SupervisionSettings(m, Duration.ofMinutes(-5), m, m, m, 1))
                .hasMessage("setting supervision.escalateAfter = '-5m': must be positive");
        assertThatThrownBy(() -> new SupervisionSettings(m, m, Duration.ZERO, m, m, 1))
                .hasMessage("setting supervision.ackRemindEvery = '0s': must be positive");
        assertThatThrownBy(() -> new SupervisionSettings(m, m, m, null, m, 1))
                .hasMessage("setting supervision.ackEscalateAfter = 'null': must be positive");
        assertThatThrownBy(() -> new SupervisionSettings(m, m, m, m, null, 1))
                .hasMessage("setting supervision.interval = 'null': must be positive");
        assertThatThrownBy(() -> new SupervisionSettings(m, m, m, m, m, 0))
                .hasMessage("setting supervision.batch = '0': must be between 1 and 10000");
    }
}
