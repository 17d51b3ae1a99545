package io.anju.platform;

import io.anju.common.auth.PrivateFiles;
import io.anju.common.influx.InfluxCredentials;
import io.anju.dashboards.run.DashboardsConfig;
import io.anju.platform.DashboardsStep.DashboardsWiring;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BundledDashboardsTest {
    private static final DashboardsWiring WIRING = new DashboardsWiring("127.0.0.1", 8080, Path.of("data/registry.json"),
            Path.of("data"), "127.0.0.1:9092", "", "http://127.0.0.1:8081", null, "", "http://127.0.0.1:9080",
            "http://127.0.0.1:9081");

    @Test
    void theDashboards_talkToThisPlatformsServices() {
        DashboardsConfig config = DashboardsConfig.of(BundledDashboards.settings(WIRING));
        assertThat(config.httpHost()).isEqualTo("127.0.0.1");
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.casesUrl()).isEqualTo("http://127.0.0.1:8081");
        assertThat(config.metricsGateway()).contains("http://127.0.0.1:9080/metrics");
        assertThat(config.metricsJobs()).contains("http://127.0.0.1:9081/metrics");
        assertThat(config.metricsCases()).contains("http://127.0.0.1:8081/metrics");
    }

    @Test
    void withoutInfluxDb_theHistoryIsOff_andWithItTheDashboardsReadTheSameDatabase(@TempDir Path dir)
            throws Exception {
        assertThat(DashboardsConfig.of(BundledDashboards.settings(WIRING)).influxUrl()).isEmpty();
        Path credentials = dir.resolve("credentials.properties");
        PrivateFiles.write(credentials, "username=anju\npassword=pw\n");
        DashboardsWiring withInflux = new DashboardsWiring("127.0.0.1", 8080, WIRING.registryFile(), WIRING.dataDir(),
                WIRING.kafkaBootstrap(), WIRING.kafkaClientConfig(), WIRING.casesUrl(), "http://127.0.0.1:8186",
                credentials.toString(), WIRING.gatewayUrl(), WIRING.jobsUrl());
        DashboardsConfig config = DashboardsConfig.of(BundledDashboards.settings(withInflux));
        assertThat(config.influxUrl()).contains("http://127.0.0.1:8186");
        assertThat(config.influxCredentials()).as("the platform's InfluxDB credentials")
                .contains(new InfluxCredentials("anju", "pw"));
    }
}
