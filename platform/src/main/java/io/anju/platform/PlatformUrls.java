package io.anju.platform;

import io.anju.cases.auth.cli.UserDemoCommand.DemoUser;

import java.util.ArrayList;
import java.util.List;

/** Where a newcomer finds each part of a running platform, and how to sign in: the banner of {@code ./anju demo}. */
public record PlatformUrls(String dashboards, String casesApi, String mqtt, String kafka, String influx,
                           String gatewayHealth, String jobsHealth) {

    public static PlatformUrls of(Platform p) {
        String host = "127.0.0.1";
        return new PlatformUrls("http://" + host + ":" + p.dashboardsHttpPort(),
                "http://" + host + ":" + p.cases().httpPort() + "/api/v1",
                "tcp://" + host + ":" + p.gateway().server().mqttPort(),
                p.kafka().bootstrapServers(),
                p.settings().influxUrl() == null ? "none (no history is kept)" : p.settings().influxUrl(),
                "http://" + host + ":" + p.gateway().server().httpPort() + "/health",
                "http://" + host + ":" + p.jobsHttpPort() + "/health");
    }

    /** The banner: URLs, then one line per demo login, then the scenario. */
    public static List<String> banner(Platform p) {
        PlatformUrls u = of(p);
        List<String> lines = new ArrayList<>();
        lines.add("Anju is up (data under " + p.settings().dataDir().toAbsolutePath().normalize() + ").");
        lines.add("  dashboards      " + u.dashboards());
        lines.add("  cases API       " + u.casesApi() + "  (contract: /openapi.yaml; docs/cases.md)");
        lines.add("  MQTT            " + u.mqtt() + "  (docs/device-protocol.md)");
        lines.add("  Kafka           " + u.kafka() + "  (SASL/SCRAM; client settings in " + p.kafkaClientConfig()
                + "; topics: docs/kafka-topics.md)");
        lines.add("  InfluxDB        " + u.influx());
        lines.add("  gateway health  " + u.gatewayHealth());
        lines.add("  jobs health     " + u.jobsHealth());
        lines.add("Demo logins (password " + p.demoPassword() + "):");
        for (DemoUser user : p.demoTeam()) {
            lines.add(String.format("  %-12s %-22s %-18s %s", user.name(), user.role().wireName(), user.scope(),
                    user.displayName()));
        }
        p.scenario().ifPresent(s -> {
            lines.add("Demo scenario (" + p.settings().speed() + " simulated seconds per second; fault plan "
                    + p.settings().dataDir().resolve("demo-faults.json") + "):");
            s.describe().forEach(line -> lines.add("  " + line));
        });
        lines.add("Press Ctrl-C to stop.");
        return lines;
    }
}
