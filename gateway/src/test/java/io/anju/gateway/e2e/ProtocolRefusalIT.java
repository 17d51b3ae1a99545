package io.anju.gateway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;
import io.anju.common.model.DeviceType;
import io.anju.common.topic.MqttTopics;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A few refusals over real sockets with real Paho clients (the byte-level cases are unit tests), and the HTTP side. */
class ProtocolRefusalIT {
    private static final long TS = 1_764_378_000_000L;

    @TempDir
    static Path dir;
    private static GatewayFixture gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayFixture.prepare(dir, 8).start(Map.of());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void wrongPassword_v3GetsReturnCode4_v5GetsReason0x86() throws Exception {
        String id = GatewayFixture.loadDevice(1);
        try (MqttClient v3 = new MqttClient(gateway.tcpUri(), id, new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence())) {
            assertThatThrownBy(() -> v3.connect(DeviceClients.v3(id, "not-the-secret")))
                    .isInstanceOfSatisfying(MqttException.class, e ->
                            assertThat(e.getReasonCode()).isEqualTo((int) MqttException.REASON_CODE_FAILED_AUTHENTICATION));
        }
        MqttAsyncClient v5 = v5Client(id);
        try {
            assertThatThrownBy(() -> v5.connect(DeviceClients.v5(id, "not-the-secret")).waitForCompletion(DeviceClients.WAIT_MS))
                    .isInstanceOfSatisfying(org.eclipse.paho.mqttv5.common.MqttException.class, e ->
                            assertThat(e.getReasonCode()).isEqualTo(0x86));
            assertThat(v5.isConnected()).isFalse();
        } finally {
            v5.close(true);
        }
    }

    @Test
    void v5PublishOutsideOwnTopics_getsPuback0x87_andIsNotForwarded() throws Exception {
        String id = GatewayFixture.loadDevice(2);
        String other = GatewayFixture.loadDevice(3);
        MqttAsyncClient v5 = v5Client(id);
        try {
            v5.connect(DeviceClients.v5(id, gateway.secret(id))).waitForCompletion(DeviceClients.WAIT_MS);
            byte[] payload = DeviceClients.bytes(DeviceClients.chargerTelemetry(TS, 1));
            int refused = DeviceClients.reasonCode(v5.publish(MqttTopics.telemetry(DeviceType.CHARGER, other),
                    new MqttMessage(payload, 1, false, null)));
            assertThat(refused).isEqualTo(0x87);
            int own = DeviceClients.reasonCode(v5.publish(MqttTopics.telemetry(DeviceType.CHARGER, id),
                    new MqttMessage(payload, 1, false, null)));
            assertThat(own).as("the connection goes on after a refused publish").isZero();
            v5.disconnect().waitForCompletion(DeviceClients.WAIT_MS);
        } finally {
            v5.close(true);
        }
        assertThat(Envelopes.read(gateway.kafka(), "anju.telemetry.charger"))
                .extracting(r -> r.value().path("deviceId").asText())
                .contains(id).doesNotContain(other);
    }

    @Test
    void v3SubscribeToAnotherDevicesCommands_getsSubackFailure0x80_ownCommandsGranted() throws Exception {
        String id = GatewayFixture.loadDevice(4);
        String other = GatewayFixture.loadDevice(5);
        org.eclipse.paho.client.mqttv3.MqttAsyncClient v3 = new org.eclipse.paho.client.mqttv3.MqttAsyncClient(gateway.tcpUri(), id,
                new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        try {
            v3.connect(DeviceClients.v3(id, gateway.secret(id))).waitForCompletion(DeviceClients.WAIT_MS);
            assertThat(grantedQos(v3.subscribe(MqttTopics.command(DeviceType.CHARGER, other), 1))).isEqualTo(0x80);
            assertThat(grantedQos(v3.subscribe(MqttTopics.command(DeviceType.CHARGER, id), 1))).isEqualTo(1);
            v3.disconnect().waitForCompletion(DeviceClients.WAIT_MS);
        } finally {
            v3.close(true);
        }
    }

    @Test
    void secondConnectionWithTheSameId_takesOver_firstV5SeesDisconnect0x8E() throws Exception {
        String id = GatewayFixture.loadDevice(6);
        CompletableFuture<Integer> firstDisconnect = new CompletableFuture<>();
        MqttAsyncClient first = v5Client(id);
        first.setCallback(new QuietV5Callback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                firstDisconnect.complete(response.getReturnCode());
            }
        });
        try (MqttClient second = new MqttClient(gateway.tcpUri(), id, new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence())) {
            first.connect(DeviceClients.v5(id, gateway.secret(id))).waitForCompletion(DeviceClients.WAIT_MS);
            second.connect(DeviceClients.v3(id, gateway.secret(id)));

            assertThat(firstDisconnect.get(10, TimeUnit.SECONDS)).isEqualTo(0x8E);
            assertThat(first.isConnected()).isFalse();
            second.publish(MqttTopics.status(DeviceType.CHARGER, id),
                    DeviceClients.bytes("{\"ts\":" + TS + ",\"seq\":1,\"state\":\"online\"}"), 1, false);
            assertThat(second.isConnected()).isTrue();
            second.disconnect();
        } finally {
            first.close(true);
        }
    }

    @Test
    void health_isJson200_andMetricsCountTheConnectedDevice() throws Exception {
        String id = GatewayFixture.loadDevice(7);
        try (MqttClient device = new MqttClient(gateway.tcpUri(), id, new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence())) {
            device.connect(DeviceClients.v3(id, gateway.secret(id)));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:" + gateway.node().server().httpPort();
            // Connections of the other tests of this class may still be closing on the gateway's side: wait for them.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.headers().firstValue("content-type")).get().asString().contains("application/json");
                JsonNode body = Json.mapper().readTree(health.body());
                assertThat(body.path("status").asText()).isEqualTo("UP");
                assertThat(body.path("connections").asInt()).isEqualTo(1);

                HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.body()).contains("anju_gateway_connections 1.0")
                        .contains("anju_gateway_connect_attempts_total{outcome=\"accepted\"}")
                        .contains("anju_gateway_kafka_inflight_bytes").contains("jvm_memory_used_bytes");
            });
            device.disconnect();
        }
    }

    private static MqttAsyncClient v5Client(String id) throws org.eclipse.paho.mqttv5.common.MqttException {
        return new MqttAsyncClient(gateway.tcpUri(), id, new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
    }

    /** The granted QoS (or failure code) of a 3.1.1 SUBACK, whether Paho reports a failure as a code or an exception. */
    private static int grantedQos(IMqttToken token) {
        try {
            token.waitForCompletion(DeviceClients.WAIT_MS);
        } catch (MqttException e) {
            return e.getReasonCode();
        }
        return token.getGrantedQos()[0];
    }
}
