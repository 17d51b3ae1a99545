package io.anju.jobs.history;

import io.anju.jobs.config.JobsConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InfluxSettingsTest {
    /** The settings table's defaults: no InfluxDB, so no history. */
    static final InfluxSettings DEFAULTS = JobsConfig.of(Map.of()).settings().influx();

    final InfluxSettings defaults = DEFAULTS;

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
                    .hasMessage("setting influx.url = '" + bad + "': must be http(s)://host:port");
        }
    }

    @Test
    void everySetting_isValidatedByName() {
        assertThatThrownBy(() -> defaults.withDatabase(" ")).hasMessage("setting influx.db = ' ': is required");
        assertThatThrownBy(() -> JobsConfig.of(Map.of("influx.retentionPolicy", " ")))
                .hasMessageContaining("setting influx.retentionPolicy");
        for (var bad : Map.of("influx.batchSize", "0", "influx.flushInterval", "5ms", "influx.maxRetries", "-1",
                "influx.initialBackoff", "0s").entrySet()) {
            assertThatThrownBy(() -> JobsConfig.of(Map.of(bad.getKey(), bad.getValue()))).as(bad.getKey())
                    .hasMessageStartingWith("setting " + bad.getKey())
                    .hasMessageContaining(" = '" + bad.getValue() + "': must be");
        }
        assertThatThrownBy(() -> JobsConfig.of(Map.of("influx.initialBackoff", "2s", "influx.maxBackoff", "1s")))
                .hasMessage("setting influx.maxBackoff = '1s': must be at least influx.initialBackoff");
        assertThatThrownBy(() -> defaults.withCredentials("anju", null))
                .hasMessage("setting influx.username = 'anju': must be given together with influx.password");
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
