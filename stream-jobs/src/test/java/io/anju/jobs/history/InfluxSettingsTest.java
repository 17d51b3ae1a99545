package io.anju.jobs.history;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InfluxSettingsTest {
    final InfluxSettings defaults = InfluxSettings.defaults();

    @Test
    void defaults_areNoHistory_andTheDocumentedFigures() {
        assertThat(defaults.enabled()).isFalse();
        assertThat(defaults.database()).isEqualTo("anju");
        assertThat(defaults.retentionPolicy()).isEqualTo("autogen");
        assertThat(defaults.batchSize()).isEqualTo(5_000);
        assertThat(defaults.flushInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.maxRetries()).isEqualTo(5);
        assertThat(defaults.initialBackoff()).isEqualTo(Duration.ofMillis(200));
        assertThat(defaults.maxBackoff()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.withUrl("https://influx.lianhu.example:8086/").enabled()).isTrue();
    }

    @Test
    void url_mustBeHttpHostPort() {
        for (String bad : new String[]{"localhost:8086", "ftp://h:21", "http://h", "http://h:8086/write?db=x",
                "http://u:p@h:8086", "http://h:99999", "not a url"}) {
            assertThatThrownBy(() -> defaults.withUrl(bad)).as(bad)
                    .hasMessageStartingWith("influx.url must be http(s)://host:port");
        }
    }

    @Test
    void everySetting_isValidatedByName() {
        assertThatThrownBy(() -> defaults.withDatabase(" ")).hasMessageContaining("influx.database");
        assertThatThrownBy(() -> defaults.withBatching(0, Duration.ofSeconds(1)))
                .hasMessageContaining("influx.batchSize must be in 1..100000 (was 0)");
        assertThatThrownBy(() -> defaults.withBatching(10, Duration.ofMillis(5)))
                .hasMessageContaining("influx.flushInterval");
        assertThatThrownBy(() -> defaults.withRetries(-1, Duration.ofMillis(200), Duration.ofSeconds(1)))
                .hasMessageContaining("influx.maxRetries");
        assertThatThrownBy(() -> defaults.withRetries(5, Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("influx.initialBackoff");
        assertThatThrownBy(() -> defaults.withRetries(5, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("influx.maxBackoff must be >= influx.initialBackoff");
        assertThatThrownBy(() -> defaults.withCredentials("anju", null))
                .hasMessageContaining("influx.username and influx.password");
    }

    @Test
    void backoff_doublesUpToTheCap() {
        assertThat(defaults.backoff(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(defaults.backoff(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(defaults.backoff(6)).isEqualTo(Duration.ofMillis(6_400));
        assertThat(defaults.backoff(7)).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.backoff(60)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void toString_hidesThePassword() {
        assertThat(defaults.withCredentials("anju", "s3cret").toString()).contains("username=anju")
                .doesNotContain("s3cret");
    }
}
