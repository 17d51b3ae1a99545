package io.anju.dashboards.live;

import io.anju.common.topic.KafkaConnection;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiveSettingsTest {
    private static final Path DIR = Path.of("data/snapshots");

    @Test
    void defaultsAreTheDocumentedOnes() {
        LiveSettings s = LiveSettings.defaults("127.0.0.1:9092", DIR);
        assertThat(s.groupIdPrefix()).isEqualTo("anju-dashboards");
        assertThat(s.staleAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.crowdStaleAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void badValuesAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> LiveSettings.defaults(" ", DIR)).hasMessageContaining("kafka.bootstrap");
        assertThatThrownBy(() -> new LiveSettings(KafkaConnection.plain("k:9092"), "a b", DIR, Duration.ofMinutes(5),
                Duration.ofSeconds(30)))
                .hasMessageContaining("live.groupIdPrefix");
        assertThatThrownBy(() -> LiveSettings.defaults("k:9092", null)).hasMessageContaining("snapshot.dir");
        assertThatThrownBy(() -> LiveSettings.defaults("k:9092", DIR).withStaleAfter(Duration.ofSeconds(5)))
                .hasMessage("setting live.staleAfter = '5s': must be between 10s and 1h");
        assertThatThrownBy(() -> LiveSettings.defaults("k:9092", DIR).withCrowdStaleAfter(Duration.ofHours(2)))
                .hasMessage("setting crowd.staleAfter = '2h': must be between 10s and 1h");
    }
}
