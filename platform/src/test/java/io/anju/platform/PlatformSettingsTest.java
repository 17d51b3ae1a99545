package io.anju.platform;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformSettingsTest {
    private static final PlatformSettings DEFAULTS = PlatformSettings.defaults(Path.of("data"));

    /** The demo's settings, to change one or two of. */
    private static PlatformSettings.Builder demo() {
        return PlatformSettings.builder(Path.of("data"));
    }

    @Test
    void defaults_areTheDocumentedOnes() {
        assertThat(DEFAULTS.ports()).isEqualTo(new PlatformSettings.Ports(1883, 9092, 9080, 9081, 8081, 8080, 9249));
        assertThat(DEFAULTS.speed()).isEqualTo(10);
        assertThat(DEFAULTS.devices()).isEqualTo("limit=400");
        assertThat(DEFAULTS.bindHost()).isEqualTo("127.0.0.1");
        assertThat(DEFAULTS.simulate()).isTrue();
        assertThat(DEFAULTS.influxUrl()).isNull();
        assertThat(DEFAULTS.influxCredentials()).isNull();
        assertThat(DEFAULTS.influxCredentialsSetting()).as("the services' setting: none").isEmpty();
        assertThat(DEFAULTS.faultsAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(DEFAULTS.registryFile()).isEqualTo(Path.of("data", "registry.json"));
    }

    @Test
    void badValues_failNamingTheSetting() {
        assertThatThrownBy(() -> demo().speed(0).build()).hasMessage("setting --speed = '0.0': must be above 0 and at most 1000");
        assertThatThrownBy(() -> demo().faultsAfter(Duration.ofSeconds(30)).build())
                .hasMessage("setting --faults-after = '30s': must be between 1m and 12h");
        assertThatThrownBy(() -> demo().faultsAfter(Duration.ofHours(13)).build())
                .hasMessage("setting --faults-after = '13h': must be between 1m and 12h");
        assertThatThrownBy(() -> demo().devices("limit=none").build()).hasMessageStartingWith("setting --devices = 'limit=none': ");
        assertThatThrownBy(() -> demo().influxUrl("localhost:8086").build())
                .hasMessage("setting --influx-url = 'localhost:8086': must be http(s)://host:port");
        assertThatThrownBy(() -> demo().influxUrl("http://127.0.0.1:8186")
                .influxCredentials(Path.of("/no/such/credentials")).build())
                .hasMessageStartingWith("setting --influx-credentials = '/no/such/credentials': ");
        assertThatThrownBy(() -> demo().influxUrl(null).influxCredentials(Path.of("/no/such/credentials")).build())
                .hasMessage("setting --influx-credentials = '/no/such/credentials': needs --influx-url");
        assertThatThrownBy(() -> demo().cases(Map.of("commands.influx.credentialsFile", "/x")).build())
                .hasMessage("setting --cases commands.influx.credentialsFile = '/x': is set by the platform itself");
        assertThatThrownBy(() -> demo().cases(Map.of("http.port", "9999")).build())
                .hasMessage("setting --cases http.port = '9999': is set by the platform itself");
        assertThatThrownBy(() -> new PlatformSettings.Ports(1883, 9092, 9080, 9081, 70_000, 8080, 0))
                .hasMessage("setting --cases-http-port = '70000': must be between 0 and 65535");
    }

    @Test
    void theCaseServicesReadingAge_growsWithTheSimulatorsSpeed_neverBelowItsDefault() {
        assertThat(DEFAULTS.casesReadingMaxAge()).as("10×: a minute of real time").isEqualTo(Duration.ofMinutes(10));
        assertThat(demo().speed(1).build().casesReadingMaxAge()).isEqualTo(Duration.ofMinutes(5));
        assertThat(demo().speed(1000).build().casesReadingMaxAge()).isEqualTo(Duration.ofMinutes(1000));
    }

    @Test
    void theJobsQuietPartitionKnob_shrinksWithTheSimulatorsSpeed() {
        assertThat(DEFAULTS.jobsQuietAfter()).isEqualTo(Duration.ofSeconds(6));
        assertThat(demo().speed(1).build().jobsQuietAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(demo().speed(1000).build().jobsQuietAfter()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void peoplesDeadlines_runAtTheDemosSpeed_neverSlowerThanRealTime() {
        assertThat(DEFAULTS.casesDeadlineScale()).isEqualTo(10);
        assertThat(demo().speed(0.5).build().casesDeadlineScale()).isEqualTo(1);
        assertThat(demo().cases(Map.of("notify.sms.minSeverity", "red")).build().cases())
                .containsEntry("notify.sms.minSeverity", "red");
    }
}
