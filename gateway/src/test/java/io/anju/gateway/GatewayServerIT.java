package io.anju.gateway;

import io.anju.gateway.diagnostics.DiagnosticsSink;
import io.anju.common.model.Channel;
import io.anju.gateway.config.GatewayConfig;
import io.anju.gateway.downlink.DeliveryOutcome;
import io.anju.gateway.ingest.InboundMessage;
import io.anju.gateway.testing.RecordingIngest;
import io.anju.gateway.testing.SimulatedDisk;
import io.anju.gateway.testing.TestDevices;
import io.anju.gateway.tls.SelfSignedPair;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import static io.anju.gateway.testing.TestDevices.CAMERA;
import static io.anju.gateway.testing.TestDevices.CAMERA_SECRET;
import static io.anju.gateway.testing.TestDevices.CHARGER;
import static io.anju.gateway.testing.TestDevices.CHARGER_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The running gateway on ephemeral ports with real Paho v3 and v5 clients, TLS and HTTP. */
class GatewayServerIT {
    private static final byte[] JSON = "{\"ts\":1764378000000,\"seq\":1}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private final RecordingIngest ingest = new RecordingIngest();
    private SelfSignedPair serverPair;
    private SelfSignedPair vendorCa;
    private GatewayServer server;

    @BeforeEach
    void start() throws Exception {
        serverPair = SelfSignedPair.generate("anju-gateway-it");
        vendorCa = SelfSignedPair.generate("vendor-ca");
        SelfSignedPair.PemFiles pem = serverPair.write(dir, "server");
        SelfSignedPair.PemFiles ca = vendorCa.write(dir, "vendor-ca");
        GatewayConfig config = GatewayConfig.of(Map.of(
                "node.id", "it-node", "mqtt.host", "127.0.0.1", "http.host", "127.0.0.1",
                "mqtt.port", "0", "http.port", "0", "mqtt.tls.port", "0", "mqtt.tls.enabled", "true",
                "mqtt.tls.certFile", pem.certificate().toString(), "mqtt.tls.keyFile", pem.privateKey().toString(),
                "mqtt.tls.clientCaFile", ca.certificate().toString()));
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        server = GatewayNode.server(config, TestDevices.inUse(), ingest, meters, () -> true, System::currentTimeMillis,
                SimulatedDisk.roomy().guard(meters),
                DiagnosticsSink.NONE).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private MqttConnectOptions v3Options(String id, String secret) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(true);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(5);
        o.setUserName(id);
        if (secret != null) {
            o.setPassword(secret.toCharArray());
        }
        return o;
    }

    @Test
    void pahoV3_publishQos1_isAcknowledgedAndIngested() throws Exception {
        try (MqttClient client = new MqttClient("tcp://127.0.0.1:" + server.mqttPort(), CHARGER, new MemoryPersistence())) {
            client.connect(v3Options(CHARGER, CHARGER_SECRET));
            client.publish("anju/v1/charger/" + CHARGER + "/telemetry", JSON, 1, false); // returns after PUBACK
            client.disconnect();
        }
        assertThat(ingest.messages()).extracting(InboundMessage::channel).containsExactly(Channel.TELEMETRY);
    }

    @Test
    void pahoV3_wrongSecret_isRefused() throws Exception {
        try (MqttClient client = new MqttClient("tcp://127.0.0.1:" + server.mqttPort(), CHARGER, new MemoryPersistence())) {
            assertThatThrownBy(() -> client.connect(v3Options(CHARGER, "wrong")))
                    .isInstanceOf(MqttException.class)
                    .extracting(e -> ((MqttException) e).getReasonCode())
                    .isEqualTo((int) MqttException.REASON_CODE_FAILED_AUTHENTICATION);
        }
    }

    @Test
    void pahoV5_publishQos1_isAcknowledged_andForeignTopicGets0x87() throws Exception {
        MqttAsyncClient client = new MqttAsyncClient("tcp://127.0.0.1:" + server.mqttPort(), CAMERA,
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        try {
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setUserName(CAMERA);
            o.setPassword(CAMERA_SECRET.getBytes(StandardCharsets.UTF_8));
            o.setAutomaticReconnect(false);
            client.connect(o).waitForCompletion(5_000);
            IMqttToken ok = client.publish("anju/v1/camera/" + CAMERA + "/event", new MqttMessage(JSON, 1, false, null));
            ok.waitForCompletion(5_000);
            assertThat(ok.getReasonCodes()).containsExactly(0);
            IMqttToken refused = client.publish("anju/v1/camera/somebody-else/event", new MqttMessage(JSON, 1, false, null));
            try {
                refused.waitForCompletion(5_000);
                assertThat(refused.getReasonCodes()).containsExactly(0x87);
            } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                assertThat(e.getReasonCode()).isEqualTo(0x87);
            }
            client.disconnect().waitForCompletion(5_000);
        } finally {
            client.close();
        }
        assertThat(ingest.messages()).hasSize(1);
    }

    @Test
    void commandDelivery_reachesSubscribedDevice_andCompletesDelivered() throws Exception {
        CopyOnWriteArrayList<String> received = new CopyOnWriteArrayList<>();
        try (MqttClient client = new MqttClient("tcp://127.0.0.1:" + server.mqttPort(), CHARGER, new MemoryPersistence())) {
            client.connect(v3Options(CHARGER, CHARGER_SECRET));
            client.subscribe("anju/v1/charger/" + CHARGER + "/command", 1,
                    (topic, message) -> received.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
            CompletableFuture<DeliveryOutcome> outcome = server.commandDelivery()
                    .deliver(CHARGER, "{\"id\":\"c-1\",\"action\":\"reboot\"}".getBytes(StandardCharsets.UTF_8))
                    .toCompletableFuture();
            assertThat(outcome.get(5, TimeUnit.SECONDS)).isEqualTo(DeliveryOutcome.DELIVERED);
            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
            assertThat(received.get(0)).contains("c-1");
            client.disconnect();
        }
        assertThat(server.commandDelivery().deliver(CAMERA, JSON).toCompletableFuture().get(1, TimeUnit.SECONDS))
                .isEqualTo(DeliveryOutcome.OFFLINE);
    }

    @Test
    void tls_whenClientTrustsGatewayCertificate_thenConnectsAndPublishes() throws Exception {
        try (MqttClient client = new MqttClient("ssl://127.0.0.1:" + server.tlsPort(), CHARGER, new MemoryPersistence())) {
            MqttConnectOptions o = v3Options(CHARGER, CHARGER_SECRET);
            o.setSocketFactory(sslContext(serverPair.certificate(), null).getSocketFactory());
            client.connect(o);
            client.publish("anju/v1/charger/" + CHARGER + "/status", JSON, 1, false);
            client.disconnect();
        }
        assertThat(ingest.messages()).hasSize(1);
    }

    @Test
    void tls_whenClientTrustsAnotherCa_thenHandshakeFails() throws Exception {
        SelfSignedPair stranger = SelfSignedPair.generate("someone-else");
        try (MqttClient client = new MqttClient("ssl://127.0.0.1:" + server.tlsPort(), CHARGER, new MemoryPersistence())) {
            MqttConnectOptions o = v3Options(CHARGER, CHARGER_SECRET);
            o.setSocketFactory(sslContext(stranger.certificate(), null).getSocketFactory());
            assertThatThrownBy(() -> client.connect(o)).isInstanceOf(MqttException.class);
            assertThat(client.isConnected()).isFalse();
        }
        assertThat(ingest.messages()).isEmpty();
    }

    @Test
    void mutualTls_whenDeviceCertificateCnIsDeviceId_thenConnectsWithoutPassword() throws Exception {
        SelfSignedPair deviceCert = vendorCa.issue(CHARGER);
        try (MqttClient client = new MqttClient("ssl://127.0.0.1:" + server.tlsPort(), CHARGER, new MemoryPersistence())) {
            MqttConnectOptions o = v3Options(CHARGER, null);
            o.setUserName(null);
            o.setSocketFactory(sslContext(serverPair.certificate(), deviceCert).getSocketFactory());
            client.connect(o);
            client.publish("anju/v1/charger/" + CHARGER + "/event", JSON, 1, false);
            client.disconnect();
        }
        assertThat(ingest.messages()).hasSize(1);
    }

    @Test
    void http_healthAndMetrics() throws Exception {
        try (MqttClient client = new MqttClient("tcp://127.0.0.1:" + server.mqttPort(), CHARGER, new MemoryPersistence())) {
            client.connect(v3Options(CHARGER, CHARGER_SECRET));
            client.publish("anju/v1/charger/" + CHARGER + "/telemetry", JSON, 1, false);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.httpPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"connections\":1");
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.httpPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("anju_gateway_connections 1.0")
                    .contains("anju_gateway_messages_total{status=\"forwarded\",type=\"charger\"} 1.0")
                    .contains("anju_gateway_connect_attempts_total{outcome=\"accepted\"}")
                    .contains("anju_gateway_puback_latency_seconds_count 1");
            client.disconnect();
        }
    }

    @Test
    void close_drainsIngestAndDisconnectsSessions() throws Exception {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + server.mqttPort(), CHARGER, new MemoryPersistence());
        client.connect(v3Options(CHARGER, CHARGER_SECRET));
        server.close();
        assertThat(ingest.drains()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> !client.isConnected());
        client.close(true);
    }

    private static SSLContext sslContext(Certificate trusted, SelfSignedPair clientIdentity) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("gateway", trusted);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (clientIdentity != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("device", clientIdentity.privateKey(), "pw".toCharArray(), new Certificate[]{clientIdentity.certificate()});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, "pw".toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }
}
