package io.anju.cases.run;

import io.anju.cases.intake.IntakeSettings;
import io.anju.cases.model.CaseQuery;
import io.anju.cases.model.CaseRecord;
import io.anju.cases.model.Principal;
import io.anju.cases.model.Role;
import io.anju.cases.store.PostmasterPid;
import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.common.json.Json;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryWriter;
import io.anju.common.topic.Topics;
import io.anju.kafka.EmbeddedKafka;
import io.anju.registry.generate.GeneratorOptions;
import io.anju.registry.generate.RegistryGenerator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.anju.cases.testing.ApiClient.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The case service ended as a crash would (SIGKILL of {@code ./anju cases} in a JVM of its own) leaves its embedded
 * PostgreSQL running on the data directory; started again on that directory, the service reclaims it and is up, with
 * the case it had committed and no second one for the alert it had applied.
 */
class CasesKillIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void aKilledServiceLeavesItsPostgresRunning_andTheNextStartReclaimsIt_withNothingCommittedLost() throws Exception {
        Registry registry = new Registry(RegistryGenerator.generate(new GeneratorOptions(2020, true, 0)).document());
        Path registryFile = dir.resolve("registry.json");
        RegistryWriter.write(registryFile, registry.document());
        Device charger = registry.devicesOfType(DeviceType.CHARGER).get(0);
        Path data = dir.resolve("data");
        int port = freePort();
        Alert alert = portOverload(charger);
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start()) {
            Process service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CasesMain.class.getName(),
                    "--registry", registryFile.toString(), "--bootstrap", kafka.bootstrapServers(),
                    "--data-dir", data.toString(), "--http-port", String.valueOf(port), "--set", "http.host=127.0.0.1")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("cases.log").toFile()).start();
            try {
                await("the first service up").atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                        .ignoreExceptions().until(() -> status(port, "/health") == 200);
                try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
                    producer.send(new ProducerRecord<>(Topics.ALERTS, alert.dedupKey().getBytes(StandardCharsets.UTF_8),
                            Json.toBytes(alert))).get(30, TimeUnit.SECONDS);
                }
                // Applied means its transaction committed.
                await("the alert applied").atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                        .until(() -> metrics(port).contains("anju_cases_alerts_applied_total 1.0"));

                service.destroyForcibly();
                assertThat(service.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                service.destroyForcibly();
            }
            Path pgDir = data.resolve("cases").resolve("postgres");
            Optional<ProcessHandle> orphan = PostmasterPid.of(pgDir).flatMap(PostmasterPid::server);
            assertThat(orphan).as("the killed service's PostgreSQL outlived it").isPresent();

            CasesConfig again = CasesConfig.of(Map.of("registry.file", registryFile.toString(),
                    "kafka.bootstrap", kafka.bootstrapServers(), "data.dir", data.toString(),
                    "http.host", "127.0.0.1", "http.port", "0"));
            try (CasesServer server = CasesServer.start(again)) {
                assertThat(orphan.get().isAlive()).as("the orphan was stopped").isFalse();
                Principal district = new Principal("d", Role.DISTRICT_OPERATOR, Set.of("lianhu"));
                // The intake goes on from its committed offset (re-reading the record if the kill came before the
                // commit): once the offset is past it, the alert it applied has made no second case.
                try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers()))) {
                    await("the alert's offset committed").atMost(PATIENCE).pollInterval(Duration.ofMillis(300))
                            .until(() -> admin.listConsumerGroupOffsets(IntakeSettings.DEFAULT_GROUP_ID)
                                    .partitionsToOffsetAndMetadata().get().values().stream()
                                    .mapToLong(o -> o.offset()).sum() == 1);
                }
                List<CaseRecord> cases = await(server.service().list(district, CaseQuery.all())).items();
                assertThat(cases).extracting(CaseRecord::dedupKey).containsExactly(alert.dedupKey());
            }
        }
        assertThat(Files.readString(dir.resolve("cases.log"))).contains("case service on http://");
    }

    private static Alert portOverload(Device d) {
        String source = Alert.portSourceId(d.id(), 2);
        String key = Alert.dedupKey(AlertType.PORT_OVERLOAD, source);
        long ts = System.currentTimeMillis() - 10_000;
        return new Alert(Alert.idFor(key, ts), key, AlertType.PORT_OVERLOAD, Severity.RED, AlertStatus.RAISED, 1,
                SourceKind.PORT, source, d.id(), 2, d.location(), ts, ts, ts + 100, "port 2 of " + d.id()
                + " above its limit", "stop_port", List.of(Evidence.portReading(ts, d.id(), 2, "powerW", 1400, "W")));
    }

    private static int status(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String metrics(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/metrics")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
