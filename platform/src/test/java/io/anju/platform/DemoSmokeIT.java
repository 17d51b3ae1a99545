package io.anju.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertType;
import io.anju.common.json.Json;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.Topics;
import io.anju.sim.fault.FaultKind;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code ./anju demo} in process, on free ports, at 60×: the scenario's thermal runaway becomes a {@code fire_risk}
 * alert and a case at the demo grid worker's grid, the crowd surge a crowd case the demo emergency manager sees, and
 * {@link Platform#close()} leaves no listener and no thread behind. Documented time: the fire risk within 60 s of
 * the platform being up at 60× (about 6 simulated minutes are needed; the rest is slack for a loaded machine).
 */
class DemoSmokeIT {
    private static final Logger LOG = LoggerFactory.getLogger(DemoSmokeIT.class);
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theDemo_comesUp_itsFaultsBecomeAlertsAndCasesInTheDemoUsersScopes_andCloseStopsEverything(@TempDir Path dir)
            throws Exception {
        Set<Thread> threadsBefore = Set.copyOf(Thread.getAllStackTraces().keySet());
        PlatformSettings settings = PlatformSettings.builder(dir).ports(PlatformSettings.Ports.anyFree())
                .speed(60).devices("limit=10").build();
        long startNanos = System.nanoTime();
        Platform platform = Platform.start(settings);
        List<Integer> listeners;
        try {
            LOG.info("platform up after {} ms", (System.nanoTime() - startNanos) / 1_000_000);
            listeners = List.of(platform.gateway().server().mqttPort(), platform.gateway().server().httpPort(),
                    platform.jobsHttpPort(), platform.cases().httpPort(), platform.dashboardsHttpPort(),
                    kafkaPort(platform.kafka().bootstrapServers()));
            DemoScenario scenario = platform.scenario().orElseThrow();
            assertThat(Files.exists(dir.resolve("registry.json"))).as("the registry is generated once").isTrue();
            assertThat(scenario.faults().faults()).extracting(f -> f.fault())
                    .containsExactlyInAnyOrder(FaultKind.THERMAL_RUNAWAY, FaultKind.CROWD_SURGE);

            Alert fireRisk = firstAlert(platform.kafka(), AlertType.FIRE_RISK, scenario.charger().id());
            LOG.info("fire risk {} ({}) {} ms after start", fireRisk.id(), fireRisk.severity(),
                    (System.nanoTime() - startNanos) / 1_000_000);
            assertThat(fireRisk.location().gridId()).isEqualTo(scenario.charger().location().gridId());

            String grid = signIn(platform, "grid");
            JsonNode fireCase = Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                    .until(() -> firstCase(platform, grid, "fire_risk"), c -> c != null);
            assertThat(fireCase.path("location").path("gridId").asText())
                    .isEqualTo(scenario.charger().location().gridId());
            assertThat(fireCase.path("sourceId").asText()).startsWith(scenario.charger().id());

            String emergency = signIn(platform, "emergency");
            JsonNode crowdCase = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> firstCase(platform, emergency, "crowd_density"), c -> c != null);
            assertThat(crowdCase.path("location").path("zoneId").asText()).isEqualTo(scenario.zone().id());
            assertThat(firstCase(platform, grid, "crowd_density")).as("not the charger grid's worker's case").isNull();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(platform.kafkaClientConfig()))))
                    .as("the broker's credentials are the owner's only").isEqualTo("rw-------");
            assertThatThrownBy(() -> brokerNodes(KafkaConnection.plain(platform.kafka().bootstrapServers())))
                    .as("a client without the broker's credentials is served nothing").isInstanceOf(ExecutionException.class);
            provisionedLive(platform, scenario);
            assertThat(health(platform.jobsHttpPort())).isEqualTo(200);
            assertThat(health(platform.dashboardsHttpPort())).as("the dashboards answer /health").isEqualTo(200);
        } finally {
            platform.close();
        }
        LOG.info("whole test {} ms", (System.nanoTime() - startNanos) / 1_000_000);
        for (int port : listeners) {
            assertThat(free(port)).as("port %d is free after close", port).isTrue();
        }
        Awaitility.await("the platform's threads end").atMost(Duration.ofSeconds(15)).pollInSameThread()
                .untilAsserted(() -> assertThat(lingering(threadsBefore)).isEmpty());
    }

    /**
     * Devices at runtime through the whole platform: a charger the district adds through the API connects to the running
     * gateway with the secret shown once; disabled through the API, it is disconnected and refused; and its twin says
     * why, all without a restart.
     */
    private void provisionedLive(Platform platform, DemoScenario scenario) throws Exception {
        String district = signIn(platform, "district");
        String id = "chg-smoke-1";
        HttpResponse<String> added = post(platform, district, "/api/v1/devices", Map.of("id", id, "type", "charger",
                "compoundId", scenario.charger().location().compoundId(), "charger", Map.of("ports", 4,
                        "portLimitW", 1000, "stationRefuseW", 5500, "stationLimitW", 6000)));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        String secret = Json.mapper().readTree(added.body()).path("secret").asText();
        String uri = "tcp://127.0.0.1:" + platform.gateway().server().mqttPort();
        try (MqttClient device = new MqttClient(uri, id, new MemoryPersistence())) {
            MqttConnectOptions options = new MqttConnectOptions();
            options.setUserName(id);
            options.setPassword(secret.toCharArray());
            options.setAutomaticReconnect(false);
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            Awaitility.await("the added charger is let in").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
                        device.connect(options);
                        return device.isConnected();
                    });
            HttpResponse<String> disabled = post(platform, district, "/api/v1/devices/" + id + "/disable", Map.of());
            assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
            Awaitility.await("the disabled charger is disconnected").atMost(Duration.ofSeconds(10))
                    .until(() -> !device.isConnected());
            assertThatThrownBy(() -> device.connect(options)).as("and refused after")
                    .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode())
                            .isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
        }
        JsonNode twin = Awaitility.await("its twin says why").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(250)).until(() -> get(platform, district, "/api/v1/devices/" + id
                        + "/twin"), t -> "registry_withdrawn".equals(t.path("connection").path("code").asText()));
        assertThat(twin.path("connection").path("state").asText()).isEqualTo("disconnected");
    }

    private HttpResponse<String> post(Platform platform, String token, String path, Object body) throws Exception {
        return http.send(HttpRequest.newBuilder(casesUri(platform, path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.toString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(Platform platform, String token, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(casesUri(platform, path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? Json.mapper().readTree(r.body()) : Json.mapper().createObjectNode();
    }

    private static int brokerNodes(KafkaConnection kafka) throws Exception {
        Map<String, Object> props = kafka.clientProperties();
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        try (Admin admin = Admin.create(props)) {
            return admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
        }
    }

    private static Alert firstAlert(KafkaConnection kafka, AlertType type, String deviceId) {
        Map<String, Object> props = kafka.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "demo-smoke");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(Topics.ALERTS));
            long deadline = System.nanoTime() + WITHIN.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    Alert a = Json.fromBytes(r.value(), Alert.class);
                    if (a.type() == type && deviceId.equals(a.deviceId())) {
                        return a;
                    }
                }
            }
        }
        throw new AssertionError("no " + type.wireName() + " alert for " + deviceId + " within " + WITHIN);
    }

    private String signIn(Platform platform, String name) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(casesUri(platform, "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.toString(Map.of("name", name,
                        "password", platform.demoPassword())))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(name + " signs in: " + r.body()).isEqualTo(200);
        return Json.mapper().readTree(r.body()).path("token").asText();
    }

    /** The first case of the alert type the signed-in person sees; null when there is none. */
    private JsonNode firstCase(Platform platform, String token, String alertType) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(casesUri(platform, "/api/v1/cases?limit=100"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return StreamSupport.stream(Json.mapper().readTree(r.body()).path("items").spliterator(), false)
                .filter(c -> alertType.equals(c.path("alertType").asText())).findFirst().orElse(null);
    }

    private int health(int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static URI casesUri(Platform platform, String path) {
        return URI.create("http://127.0.0.1:" + platform.cases().httpPort() + path);
    }

    private static int kafkaPort(String bootstrap) {
        return Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Threads the platform started that still run, except the JVM-wide ones libraries keep for good. */
    private static List<String> lingering(Set<Thread> before) {
        Set<Thread> now = new HashSet<>(Thread.getAllStackTraces().keySet());
        now.removeAll(before);
        List<String> names = new ArrayList<>();
        now.stream().filter(Thread::isAlive).filter(t -> !t.isDaemon()).forEach(t -> names.add(t.getName()));
        return names;
    }
}
