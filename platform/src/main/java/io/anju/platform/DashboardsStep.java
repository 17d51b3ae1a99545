package io.anju.platform;

import java.nio.file.Path;

/**
 * Starts the dashboards against the running platform ({@link BundledDashboards} in this build). An interface so
 * the assembly does not depend on how the dashboards service is put together.
 */
public interface DashboardsStep {

    RunningDashboards start(DashboardsWiring wiring) throws Exception;

    /** A started dashboards service. */
    interface RunningDashboards extends AutoCloseable {
        int httpPort();

        @Override
        void close();
    }

    /**
     * Everything the dashboards need to know about the platform around them; URLs are base URLs without a path.
     *
     * @param kafkaClientConfig the Kafka client properties file with the broker's credentials (empty = none)
     * @param influxUrl         null when no InfluxDB runs (the history charts then answer 503)
     * @param influxCredentials that InfluxDB's credentials file (empty = none)
     */
    record DashboardsWiring(String bindHost, int httpPort, Path registryFile, Path dataDir, String kafkaBootstrap,
                            String kafkaClientConfig, String casesUrl, String influxUrl, String influxCredentials,
                            String gatewayUrl, String jobsUrl) {
    }
}
