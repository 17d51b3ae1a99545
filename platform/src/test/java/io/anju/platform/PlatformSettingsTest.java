package io.anju.platform;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformSettingsTest {
    private static final PlatformSettings DEFAULTS = PlatformSettings.defaults(Path.of("data"));

    @Test
    void defaults_areTheDocumentedOnes() {
        assertThat(DEFAULTS.ports()).isEqualTo(new PlatformSettings.Ports(1883, 9092, 9080, 9081, 8081, 8080, 9249));
        assertThat(DEFAULTS.speed()).isEqualTo(10);
        assertThat(DEFAULTS.devices()).isEqualTo("limit=400");
        assertThat(DEFAULTS.bindHost()).isEqualTo("127.0.0.1");
        assertThat(DEFAULTS.simulate()).isTrue();
        assertThat(DEFAULTS.influxUrl()).isNull();
        assertThat(DEFAULTS.faultsAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(DEFAULTS.registryFile()).isEqualTo(Path.of("data", "registry.json"));
    }

    @Test
    void badValues_failNamingTheSetting() {
        assertThatThrownBy(() -> DEFAULTS.withSpeed(0)).hasMessage("platform.speed must be > 0 and ≤ 1000 (was 0.0)");
        assertThatThrownBy(() -> DEFAULTS.withFaultsAfter(Duration.ofSeconds(30)))
                .hasMessage("platform.faultsAfter must be 1m … 12h (was PT30S)");
        assertThatThrownBy(() -> DEFAULTS.withFaultsAfter(Duration.ofHours(13)))
                .hasMessage("platform.faultsAfter must be 1m … 12h (was PT13H)");
        assertThatThrownBy(() -> DEFAULTS.withDevices("limit=none")).hasMessageStartingWith("platform.devices: ");
        assertThatThrownBy(() -> DEFAULTS.withInfluxUrl("localhost:8086"))
                .hasMessage("platform.influxUrl must be http(s)://host:port (was localhost:8086)");
        assertThatThrownBy(() -> DEFAULTS.withCases(Map.of("http.port", "9999")))
                .hasMessage("platform.cases.http.port is set by the platform itself (was 9999)");
        assertThatThrownBy(() -> new PlatformSettings.Ports(1883, 9092, 9080, 9081, 70_000, 8080, 0))
                .hasMessage("platform.ports.casesHttp must be 0..65535 (was 70000)");
    }

    @Test
    void theCaseServicesReadingAge_growsWithTheSimulatorsSpeed_neverBelowItsDefault() {
        assertThat(DEFAULTS.casesReadingMaxAge()).as("10×: a minute of real time").isEqualTo(Duration.ofMinutes(10));
        assertThat(DEFAULTS.withSpeed(1).casesReadingMaxAge()).isEqualTo(Duration.ofMinutes(5));
        assertThat(DEFAULTS.withSpeed(1000).casesReadingMaxAge()).isEqualTo(Duration.ofMinutes(1000));
    }

    @Test
    void theJobsQuietPartitionKnob_shrinksWithTheSimulatorsSpeed() {
        assertThat(DEFAULTS.jobsQuietAfter()).isEqualTo(Duration.ofSeconds(6));
        assertThat(DEFAULTS.withSpeed(1).jobsQuietAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(DEFAULTS.withSpeed(1000).jobsQuietAfter()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void peoplesDeadlines_runAtTheDemosSpeed_neverSlowerThanRealTime() {
        assertThat(DEFAULTS.casesDeadlineScale()).isEqualTo(10);
        assertThat(DEFAULTS.withSpeed(0.5).casesDeadlineScale()).isEqualTo(1);
        assertThat(DEFAULTS.withCases(Map.of("notify.sms.minSeverity", "red")).cases())
                .containsEntry("notify.sms.minSeverity", "red");
    }
}
