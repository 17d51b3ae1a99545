package io.anju.sim.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadSettingsTest {

    private static LoadSettings with(int connections, int rate, int qos, String payload, boolean idle, int port) {
        return new LoadSettings("127.0.0.1", port, connections, rate, qos, payload, 10, "netty", idle, 100, 2000);
    }

    @Test
    void aBadValue_failsNamingItsFlag() {
        assertThatThrownBy(() -> with(0, 1000, 1, "charger", false, 1883))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting --connections = '0': must be at least 1");
        assertThatThrownBy(() -> with(8, 1000, 2, "charger", false, 1883))
                .hasMessage("setting --qos = '2': must be one of 0, 1");
        assertThatThrownBy(() -> with(8, 1000, 1, "gate", false, 1883))
                .hasMessage("setting --payload = 'gate': must be one of charger, crowd, snapshot");
        assertThatThrownBy(() -> with(8, 1000, 1, "charger", false, 0))
                .hasMessage("setting --port = '0': must be between 1 and 65535");
        assertThatThrownBy(() -> with(8, 0, 1, "charger", false, 1883))
                .hasMessage("setting --rate = '0': must be at least 1");
    }

    @Test
    void anIdleRun_needsNoRate() {
        assertThat(with(8, 0, 1, "crowd", true, 1883).idle()).isTrue();
    }
}
