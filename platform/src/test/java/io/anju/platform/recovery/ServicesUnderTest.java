package io.anju.platform.recovery;

import io.anju.cases.auth.cli.UserDemoCommand;
import io.anju.cases.run.CasesConfig;
import io.anju.cases.run.CasesServer;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryLoader;
import io.anju.common.registry.RegistryWriter;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.TopicAdmin;
import io.anju.common.topic.Topics;
import io.anju.dashboards.run.DashboardsConfig;
import io.anju.dashboards.run.DashboardsServer;
import io.anju.gateway.GatewayNode;
import io.anju.gateway.config.GatewayConfig;
import io.anju.gateway.ingest.ReceiveClock;
import io.anju.registry.generate.GeneratedRegistry;
import io.anju.registry.generate.GeneratorOptions;
import io.anju.registry.generate.RegistryGenerator;
import io.anju.testsupport.CloseStack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The platform around the jobs, started as {@code Platform} starts it but without the jobs: a generated Lianhu
 * registry, the gateway with its embedded Kafka (receive times from {@link #receiveClock}, which a test points at its
 * simulation's clock), the case service with its embedded PostgreSQL, one district operator, and the dashboards.
 * {@link #close()} stops what was started, in the reverse order.
 */
final class ServicesUnderTest implements AutoCloseable {
    static final long REGISTRY_SEED = 2020;
    static final String OPERATOR = "district";

    final Path dir;
    final Path registryFile;
    final Registry registry;
    final Map<String, String> secrets = new HashMap<>();
    final ReceiveClock receiveClock = new ReceiveClock();
    private final CloseStack started = new CloseStack();
    GatewayNode gateway;
    CasesServer cases;
    int databasePort;
    Path databaseDir;
    DashboardsServer dashboards;

    private ServicesUnderTest(Path dir) {
        this.dir = dir;
        GeneratedRegistry generated = RegistryGenerator.generate(new GeneratorOptions(REGISTRY_SEED, true, 0));
        this.registryFile = dir.resolve("registry.json");
        RegistryWriter.write(registryFile, generated.document());
        this.registry = RegistryLoader.load(registryFile);
        generated.credentials().forEach(e -> secrets.put(e.deviceId(), e.secret()));
    }

    static ServicesUnderTest start(Path dir) throws Exception {
        ServicesUnderTest s = new ServicesUnderTest(dir);
        try {
            s.startParts();
            return s;
        } catch (Exception | Error e) {
            s.close();
            throw e;
        }
    }

    private void startParts() throws Exception {
        gateway = new GatewayNode(GatewayConfig.of(Map.of(
                "node.id", "gw-kill",
                "mqtt.host", "127.0.0.1", "mqtt.port", "0",
                "http.host", "127.0.0.1", "http.port", "0",
                "kafka.port", "0",
                "data.dir", dir.resolve("gateway").toString(),
                "registry.file", registryFile.toString()))).withReceiveClock(receiveClock).start();
        started.push(gateway);
        // The jobs create these too; up front, every reader can subscribe before the jobs start.
        TopicAdmin.ensure(kafka(), "test", List.of(Topics.ALERTS, Topics.COMMANDS, Topics.ZONES), 6, (short) 1);

        databasePort = freePort();
        CasesConfig casesConfig = CasesConfig.of(Map.of(
                "http.host", "127.0.0.1", "http.port", "0",
                "registry.file", registryFile.toString(),
                "data.dir", dir.resolve("cases-data").toString(),
                "db.embeddedPort", String.valueOf(databasePort),
                "kafka.bootstrap", kafka().bootstrapServers(),
                "kafka.clientConfig", kafkaClientConfig()));
        databaseDir = casesConfig.embeddedDbDir();
        cases = CasesServer.start(casesConfig);
        started.push(cases);
        cases.users().add(OPERATOR, "district_operator", "lianhu", UserDemoCommand.DEMO_PASSWORD, "district centre")
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);

        dashboards = DashboardsServer.start(DashboardsConfig.of(Map.of(
                "http.host", "127.0.0.1", "http.port", "0",
                "registry.file", registryFile.toString(),
                "data.dir", dir.resolve("gateway").toString(),
                "kafka.bootstrap", kafka().bootstrapServers(),
                "kafka.clientConfig", kafkaClientConfig(),
                "cases.url", "http://127.0.0.1:" + cases.httpPort(),
                "metrics.gateway", "", "metrics.jobs", "", "metrics.cases", "")));
        started.push(dashboards);
    }

    /** What the case service's database recorded. */
    CaseLedger caseLedger() throws IOException {
        return new CaseLedger(databasePort, databaseDir);
    }

    /** The gateway's embedded broker, which takes its SCRAM user only. */
    KafkaConnection kafka() {
        return gateway.kafka();
    }

    /** The client properties file of that broker: another service's {@code kafka.clientConfig}. */
    String kafkaClientConfig() {
        return gateway.kafkaClientConfig().orElseThrow().toString();
    }

    String mqttUri() {
        return "tcp://127.0.0.1:" + gateway.server().mqttPort();
    }

    String dashboardsUrl() {
        return "http://127.0.0.1:" + dashboards.httpPort();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        started.close();
    }
}
