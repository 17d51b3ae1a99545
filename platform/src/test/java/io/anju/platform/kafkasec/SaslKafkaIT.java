package io.anju.platform.kafkasec;

import io.anju.cases.run.CasesConfig;
import io.anju.cases.run.CasesServer;
import io.anju.common.http.MetricsAccess;
import io.anju.common.json.Json;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.DistrictTime;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryLoader;
import io.anju.common.registry.RegistryWriter;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.KafkaProbe;
import io.anju.dashboards.run.DashboardsConfig;
import io.anju.dashboards.run.DashboardsServer;
import io.anju.gateway.GatewayNode;
import io.anju.gateway.config.GatewayConfig;
import io.anju.gateway.ingest.ReceiveClock;
import io.anju.jobs.config.JobsSettings;
import io.anju.jobs.run.JobsHttp;
import io.anju.jobs.run.JobsRunner;
import io.anju.kafka.EmbeddedKafka;
import io.anju.registry.generate.GeneratedRegistry;
import io.anju.registry.generate.GeneratorOptions;
import io.anju.registry.generate.RegistryGenerator;
import io.anju.sim.clock.Scenario;
import io.anju.sim.fault.FaultKind;
import io.anju.sim.fault.FaultPlan;
import io.anju.sim.fault.FaultSpec;
import io.anju.sim.link.MqttVersionChoice;
import io.anju.sim.run.DeviceFilter;
import io.anju.sim.run.LinkSettings;
import io.anju.sim.run.RunSettings;
import io.anju.sim.run.SimStats;
import io.anju.sim.run.Simulation;
import io.anju.sim.run.SimulationFactory;
import io.anju.testsupport.CloseStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every service against a Kafka that takes SASL/SCRAM-SHA-256 clients only, each given nothing but the broker's
 * address and the client properties file the broker wrote ({@code kafka.clientConfig}, {@code withKafka}): a charger
 * fault the simulator plays over MQTT travels gateway → Kafka → the alerting job → the case service, every
 * {@code /health} says Kafka is up, and a client without the credentials, or with a wrong password, gets nothing.
 */
class SaslKafkaIT {
    private static final Logger LOG = LoggerFactory.getLogger(SaslKafkaIT.class);
    private static final long EVENING = LocalDateTime.of(2026, 11, 28, 17, 30).atZone(DistrictTime.ZONE).toInstant()
            .toEpochMilli();
    private static final long MINUTE = 60_000;
    private static final String PASSWORD = "sasl-it-password";
    private final HttpClient http = HttpClient.newHttpClient();
    private final CloseStack started = new CloseStack();

    @Test
    void everyServiceWorksOnASaslOnlyBroker_andAClientWithoutTheCredentialsGetsNothing(@TempDir Path dir)
            throws Exception {
        long begin = System.nanoTime();
        try {
            EmbeddedKafka broker = new EmbeddedKafka(dir.resolve("broker"), 0).withSaslScram().start();
            started.push(broker);
            String clientConfig = broker.clientConfigFile().toString();
            GeneratedRegistry generated = RegistryGenerator.generate(new GeneratorOptions(2020, true, 0));
            Path registryFile = dir.resolve("registry.json");
            RegistryWriter.write(registryFile, generated.document());
            Registry registry = RegistryLoader.load(registryFile);

            ReceiveClock receiveClock = new ReceiveClock();
            GatewayNode gateway = new GatewayNode(GatewayConfig.of(Map.of(
                    "mqtt.host", "127.0.0.1", "mqtt.port", "0", "http.host", "127.0.0.1", "http.port", "0",
                    "kafka.bootstrap", broker.bootstrapServers(), "kafka.clientConfig", clientConfig,
                    "data.dir", dir.resolve("gateway").toString(), "registry.file", registryFile.toString())))
                    .withReceiveClock(receiveClock).start();
            started.push(gateway);

            // The case service (its embedded PostgreSQL, mostly disk) starts while the jobs' MiniCluster does.
            CompletableFuture<CasesServer> casesStart = CompletableFuture.supplyAsync(() -> {
                try {
                    return CasesServer.start(CasesConfig.of(Map.of(
                            "http.host", "127.0.0.1", "http.port", "0", "registry.file", registryFile.toString(),
                            "data.dir", dir.resolve("cases").toString(), "auth.passwordIterations", "10000",
                            "kafka.bootstrap", broker.bootstrapServers(), "kafka.clientConfig", clientConfig)));
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            started.push(() -> casesStart.get(2, TimeUnit.MINUTES).close());

            KafkaConnection kafka = KafkaConnection.of(broker.bootstrapServers(), clientConfig, "test");
            JobsSettings d = JobsSettings.defaults(registryFile, dir.resolve("jobs"), Map.of("checkpoint.interval", "1s",
                    "time.quietAfter", "500ms", "time.outOfOrderness", "30s", "time.clockTolerance", "30m"))
                    .withKafka(kafka);
            JobsRunner jobs = new JobsRunner(d, 0).start();
            started.push(jobs::kill);
            JobsHttp jobsHttp = new JobsHttp(jobs, "127.0.0.1", 0, 0, MetricsAccess.of(""));
            started.push(jobsHttp);

            CasesServer cases = casesStart.get(2, TimeUnit.MINUTES);
            cases.users().add("district", "district_operator", "lianhu", PASSWORD, null)
                    .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);

            DashboardsServer dashboards = DashboardsServer.start(DashboardsConfig.of(Map.of(
                    "http.host", "127.0.0.1", "http.port", "0", "registry.file", registryFile.toString(),
                    "data.dir", dir.resolve("gateway").toString(), "cases.url", "http://127.0.0.1:" + cases.httpPort(),
                    "metrics.gateway", "", "metrics.jobs", "", "metrics.cases", "",
                    "kafka.bootstrap", broker.bootstrapServers(), "kafka.clientConfig", clientConfig)));
            started.push(dashboards);
            LOG.info("broker and four services up on SASL in {} ms", (System.nanoTime() - begin) / 1_000_000);

            Device charger = registry.devicesOfType(DeviceType.CHARGER).stream().filter(Device::enabled)
                    .findFirst().orElseThrow();
            Simulation sim = overloadedPort(dir, registry, generated, charger, gateway, receiveClock);
            started.push(sim::close);
            sim.start();

            String token = signIn(cases.httpPort());
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> casesOf(cases.httpPort(), token, charger.id()), found -> found > 0);
            LOG.info("MQTT → gateway → SASL Kafka → alerting job → case service: a case after {} ms in all",
                    (System.nanoTime() - begin) / 1_000_000);

            for (int port : List.of(gateway.server().httpPort(), jobsHttp.port(), cases.httpPort(),
                    dashboards.httpPort())) {
                assertThat(get("http://127.0.0.1:" + port + "/health", null).body())
                        .as("/health on port %d", port).contains("\"kafka\":\"up\"");
            }

            // The broker serves only the credentials it wrote: no SASL at all, or a wrong password, is refused.
            Map<String, String> wrong = new HashMap<>(kafka.security());
            wrong.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                    + "username=\"anju\" password=\"guessed\";");
            KafkaConnection wrongPassword = new KafkaConnection(broker.bootstrapServers(), wrong);
            for (KafkaConnection refused : List.of(KafkaConnection.plain(broker.bootstrapServers()), wrongPassword)) {
                try (KafkaProbe probe = KafkaProbe.start(refused, Duration.ofMillis(500), Duration.ofMillis(500))) {
                    Awaitility.await(refused.toString()).during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(3))
                            .until(() -> !probe.up());
                }
            }
            Map<String, Object> admin = wrongPassword.clientProperties();
            admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
            admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
            try (Admin client = Admin.create(admin)) {
                assertThatThrownBy(() -> client.describeCluster().nodes().get(10, TimeUnit.SECONDS))
                        .as("refused for its password, not for a network fault")
                        .hasRootCauseInstanceOf(SaslAuthenticationException.class);
            }
        } finally {
            started.close();
        }
    }

    /** An overload on port 2 of {@code charger} two simulated minutes into the evening, played 60× fast over MQTT. */
    private static Simulation overloadedPort(Path dir, Registry registry, GeneratedRegistry generated, Device charger,
                                             GatewayNode gateway, ReceiveClock receiveClock) throws Exception {
        FaultPlan plan = new FaultPlan(1, Scenario.EVENING.wireName(), List.of(new FaultSpec(FaultKind.PORT_OVERLOAD,
                charger.id(), 2, EVENING + 2 * MINUTE, EVENING + 120 * MINUTE, 1_300)));
        Path planFile = dir.resolve("plan.json");
        plan.write(planFile);
        RunSettings run = new RunSettings(new DeviceFilter(Set.of(), Set.of(charger.id()), null, null,
                Integer.MAX_VALUE), Scenario.EVENING, 7, 60, EVENING, planFile.toString(),
                dir.resolve("ground-truth.jsonl"), null, 150 * MINUTE, MqttVersionChoice.MIXED,
                new LinkSettings("tcp://127.0.0.1:" + gateway.server().mqttPort(), null, false, 60,
                        System::currentTimeMillis));
        Map<String, String> secrets = new HashMap<>();
        generated.credentials().forEach(e -> secrets.put(e.deviceId(), e.secret()));
        Simulation sim = SimulationFactory.create(registry, secrets, run, new SimStats());
        receiveClock.follow(sim.clock()::now);
        return sim;
    }

    private String signIn(int casesPort) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + casesPort
                        + "/api/v1/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"district\",\"password\":\"" + PASSWORD + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.mapper().readTree(r.body()).get("token").asText();
    }

    /** Cases of {@code deviceId}'s alerts the district operator sees. */
    private long casesOf(int casesPort, String token, String deviceId) throws Exception {
        String body = get("http://127.0.0.1:" + casesPort + "/api/v1/cases?limit=100", token).body();
        var items = Json.mapper().readTree(body).get("items");
        long n = 0;
        for (var item : items) {
            if (item.path("sourceId").asText().startsWith(deviceId)) {
                n++;
            }
        }
        return n;
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
