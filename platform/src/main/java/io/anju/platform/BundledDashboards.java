package io.anju.platform;

import io.anju.dashboards.run.DashboardsConfig;
import io.anju.dashboards.run.DashboardsServer;

import java.util.HashMap;
import java.util.Map;

/** The dashboards service of this build ({@link DashboardsServer}), configured from the platform's wiring. */
public final class BundledDashboards implements DashboardsStep {

    @Override
    public RunningDashboards start(DashboardsWiring w) throws Exception {
        DashboardsServer server = DashboardsServer.start(DashboardsConfig.of(settings(w)));
        return new RunningDashboards() {
            @Override
            public int httpPort() {
                return server.httpPort();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    static Map<String, String> settings(DashboardsWiring w) {
        Map<String, String> s = new HashMap<>();
        s.put("http.host", w.bindHost());
        s.put("http.port", String.valueOf(w.httpPort()));
        s.put("registry.file", w.registryFile().toString());
        s.put("data.dir", w.dataDir().toString());
        s.put("kafka.bootstrap", w.kafkaBootstrap());
        s.put("kafka.clientConfig", w.kafkaClientConfig());
        s.put("cases.url", w.casesUrl());
        s.put("influx.url", w.influxUrl() == null ? "" : w.influxUrl());
        s.put("influx.credentialsFile", w.influxCredentials());
        s.put("metrics.gateway", w.gatewayUrl() + "/metrics");
        s.put("metrics.jobs", w.jobsUrl() + "/metrics");
        s.put("metrics.cases", w.casesUrl() + "/metrics");
        return s;
    }
}
