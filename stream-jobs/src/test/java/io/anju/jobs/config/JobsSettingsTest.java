package io.anju.jobs.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobsSettingsTest {

    private static final JobsSettings DEFAULTS = JobsSettings.defaults(Path.of("registry.json"), Path.of("data"));

    @Test
    void aBadValue_failsNamingTheFlagThatSetsIt() {
        assertThatThrownBy(() -> DEFAULTS.withCheckpointInterval(Duration.ofMillis(50)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting --checkpoint-interval = '50ms': must be at least 100ms");
        assertThatThrownBy(() -> DEFAULTS.withQuietAfter(Duration.ZERO))
                .hasMessage("setting --quiet-after = '0s': must be positive");
        assertThatThrownBy(() -> DEFAULTS.withOutOfOrderness(Duration.ofSeconds(-1)))
                .hasMessage("setting --out-of-orderness = '-1s': must not be negative");
        assertThatThrownBy(() -> DEFAULTS.withInfluxUrl("localhost:8086"))
                .hasMessage("setting --influx-url = 'localhost:8086': must be http(s)://host:port");
        assertThatThrownBy(() -> DEFAULTS.withBootstrap(" "))
                .hasMessage("setting --bootstrap = ' ': is required");
    }

    @Test
    void theDefaults_areValid() {
        assertThat(DEFAULTS.withRegistryPoll(Duration.ofSeconds(1)).registryPoll()).isEqualTo(Duration.ofSeconds(1));
        assertThat(DEFAULTS.stateBackend()).isEqualTo("hashmap");
    }
}
