package io.anju.dashboards.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DashboardsConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        DashboardsConfig c = DashboardsConfig.of(Map.of());
        assertThat(c.httpHost()).isEqualTo("0.0.0.0");
        assertThat(c.httpPort()).isEqualTo(8080);
        assertThat(c.registryFile()).isEqualTo(Path.of("./data/registry.json"));
        assertThat(c.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(c.casesUrl()).isEqualTo("http://127.0.0.1:8081");
        assertThat(c.influxUrl()).as("no history by default").isEmpty();
        assertThat(c.influxCredentials()).as("no InfluxDB credentials by default").isEmpty();
        assertThat(c.influxDb()).isEqualTo("anju");
        assertThat(c.snapshotDir()).as("the gateway's blob store under data.dir").isEqualTo(Path.of("./data/snapshots"));
        assertThat(c.metricsGateway()).contains("http://127.0.0.1:9080/metrics");
        assertThat(c.metricsJobs()).contains("http://127.0.0.1:9081/metrics");
        assertThat(c.metricsCases()).contains("http://127.0.0.1:8081/metrics");
        assertThat(c.sessionTtl()).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void fileThenEnvironmentThenFlags(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dashboards.properties");
        Files.writeString(file, "http.port=9000\ninflux.url=http://127.0.0.1:8086/\ndata.dir=/srv/anju\n");
        DashboardsConfig c = DashboardsConfig.load(Optional.of(file),
                Map.of("ANJU_DASHBOARDS_HTTP_PORT", "9001", "ANJU_DASHBOARDS_SESSION_TTL", "30m"),
                Map.of("http.port", "9002"));
        assertThat(c.httpPort()).isEqualTo(9002);
        assertThat(c.sessionTtl()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.influxUrl()).as("trailing slash trimmed").contains("http://127.0.0.1:8086");
        assertThat(c.snapshotDir()).isEqualTo(Path.of("/srv/anju/snapshots"));
    }

    @Test
    void theWebHardeningSettingsHaveSafeDefaultsAndBadValuesNameTheSetting() {
        DashboardsConfig c = DashboardsConfig.of(Map.of());
        assertThat(c.listener().tls()).as("plain HTTP until a PEM pair is set").isEmpty();
        assertThat(c.listener().idleTimeout()).isEqualTo(java.time.Duration.ofSeconds(60));
        assertThat(c.listener().headerTimeout()).isEqualTo(java.time.Duration.ofSeconds(20));
        assertThat(c.listener().maxConnections()).isEqualTo(2_000);
        assertThat(c.sessionRecheck()).isEqualTo(java.time.Duration.ofSeconds(3));
        assertThat(c.allowedOrigins()).isEmpty();
        assertThat(c.metricsAccess().refusal("10.0.0.1", null)).as("metrics for this host only").isPresent();
        assertThatThrownBy(() -> DashboardsConfig.of(Map.of("http.tls.certFile", "/etc/hostname")))
                .hasMessageContaining("http.tls.keyFile");
        assertThatThrownBy(() -> DashboardsConfig.of(Map.of("http.tls.certFile", "/no/such.crt",
                "http.tls.keyFile", "/no/such.key"))).hasMessageContaining("http.tls.certFile");
        assertThatThrownBy(() -> DashboardsConfig.of(Map.of("http.allowedOrigins", "https://ok.example, evil/path")))
                .hasMessageContaining("http.allowedOrigins");
        assertThatThrownBy(() -> DashboardsConfig.of(Map.of("http.allowedOrigins", "https://ok.example/app")))
                .hasMessageContaining("http.allowedOrigins");
        assertThatThrownBy(() -> DashboardsConfig.of(Map.of("metrics.token", "short")))
                .hasMessageContaining("metrics.token");
        assertThatThrownBy(() -> DashboardsConfig.of(Map.of("session.recheck", "1h")))
                .hasMessageContaining("session.recheck");
    }

    @Test
    void badValuesNameTheSetting() {
        assertThatThrownBy(() -> DashboardsConfig.of(Map.of("cases.url", "127.0.0.1:8081")))
                .hasMessageContaining("cases.url").hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> DashboardsConfig.of(Map.of("influx.url", "ftp://x")))
                .hasMessageContaining("influx.url");
        assertThatThrownBy(() -> DashboardsConfig.of(Map.of("session.ttl", "10s")))
                .hasMessageContaining("session.ttl").hasMessageContaining("ANJU_DASHBOARDS_SESSION_TTL");
        assertThatThrownBy(() -> DashboardsConfig.of(Map.of("http.port", "70000")))
                .hasMessageContaining("http.port");
        assertThatThrownBy(() -> DashboardsConfig.of(Map.of("no.such", "1")))
                .hasMessageContaining("no.such");
    }

    @Test
    void emptyMetricsUrlsAreNotScraped() {
        DashboardsConfig c = DashboardsConfig.of(Map.of("metrics.jobs", ""));
        assertThat(c.metricsJobs()).isEmpty();
    }

    @Test
    void aMissingInfluxCredentialsFileFailsNamingTheSetting() {
        assertThatThrownBy(() -> DashboardsConfig.of(Map.of("influx.credentialsFile", "/no/such/credentials")))
                .hasMessageContaining("influx.credentialsFile").hasMessageContaining("/no/such/credentials");
    }

    @Test
    void theTableDocumentsEverySetting() {
        String table = DashboardsConfig.markdownTable();
        DashboardsConfig.SETTINGS.forEach(s -> assertThat(table).contains("`" + s.key() + "`"));
        assertThat(table).contains("ANJU_DASHBOARDS_INFLUX_URL");
    }
}
