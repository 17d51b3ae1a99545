package io.anju.platform;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Starts the dashboards against the running platform. Kept behind this interface so the platform builds and runs
 * whether or not the dashboards service is part of the build; {@link #notBuilt()} stands in while it is not.
 */
public interface DashboardsStep {

    /** Starts the dashboards; empty when there is nothing to start. */
    Optional<RunningDashboards> start(DashboardsWiring wiring) throws Exception;

    /** A started dashboards service. */
    interface RunningDashboards extends AutoCloseable {
        int httpPort();

        @Override
        void close();
    }

    /**
     * Everything the dashboards need to know about the platform around them.
     *
     * @param influxUrl null when no InfluxDB runs (the history charts then answer 503)
     */
    record DashboardsWiring(String bindHost, int httpPort, Path registryFile, Path dataDir, String kafkaBootstrap,
                            String casesUrl, String influxUrl, String gatewayUrl, String jobsUrl) {
    }

    /** For a build without the dashboards service: starts nothing and says so. */
    static DashboardsStep notBuilt() {
        return wiring -> {
            org.slf4j.LoggerFactory.getLogger(DashboardsStep.class).warn(
                    "the dashboards service is not part of this build: no web front end on port {}",
                    wiring.httpPort());
            return Optional.empty();
        };
    }
}
