package io.anju.gateway;

import io.anju.gateway.diagnostics.DiagnosticsSink;
import io.anju.common.model.Channel;
import io.anju.gateway.config.GatewayConfig;
import io.anju.gateway.disk.DiskGuard;
import io.anju.gateway.ingest.InboundMessage;
import io.anju.gateway.testing.RecordingIngest;
import io.anju.gateway.testing.SimulatedDisk;
import io.anju.gateway.testing.TestDevices;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static io.anju.gateway.testing.TestDevices.CHARGER;
import static io.anju.gateway.testing.TestDevices.CHARGER_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The running gateway (real listeners, real Netty pipeline, a real MQTT client) on a disk whose free space the test
 * sets: below the watermark it stops reading devices, acknowledges nothing new and says why on /health; once space
 * is back it reads, ingests and acknowledges what waited.
 */
class DiskLowIT {
    private static final String TELEMETRY = "anju/v1/charger/" + CHARGER + "/telemetry";
    private static final byte[] JSON = "{\"ts\":1764378000000,\"seq\":1}".getBytes(StandardCharsets.UTF_8);

    private final RecordingIngest ingest = new RecordingIngest();
    private final SimulatedDisk disk = SimulatedDisk.roomy();
    private final HttpClient http = HttpClient.newHttpClient();
    private DiskGuard guard;
    private GatewayServer server;

    @BeforeEach
    void start() throws Exception {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        GatewayConfig config = GatewayConfig.of(Map.of("mqtt.host", "127.0.0.1", "http.host", "127.0.0.1",
                "mqtt.port", "0", "http.port", "0"));
        guard = disk.guard(meters);
        server = GatewayNode.server(config, TestDevices.inUse(), ingest, meters, () -> true, System::currentTimeMillis,
                guard, DiagnosticsSink.NONE).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void lowDisk_pausesReadingAndAcknowledgesNothingNew_healthSaysWhy_thenResumesWithoutLoss() throws Exception {
        MqttAsyncClient device = new MqttAsyncClient("tcp://127.0.0.1:" + server.mqttPort(), CHARGER, new MemoryPersistence());
        try {
            MqttConnectOptions o = new MqttConnectOptions();
            o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            o.setUserName(CHARGER);
            o.setPassword(CHARGER_SECRET.toCharArray());
            o.setAutomaticReconnect(false);
            device.connect(o).waitForCompletion(5_000);
            device.publish(TELEMETRY, JSON, 1, false).waitForCompletion(5_000);
            assertThat(health().statusCode()).isEqualTo(200);

            disk.free(812L << 20);   // under the default mark: 2 % of 100 GiB
            guard.check();
            await().atMost(Duration.ofSeconds(5)).until(() -> server.metrics().pausedChannels() == 1);
            HttpResponse<String> down = health();
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"status\":\"DOWN\"").contains("\"paused\":true")
                    .contains("\"disk\":\"low: 812 MiB free under data.dir (needs 2048 MiB)\"");
            assertThat(metrics()).contains("anju_gateway_disk_low 1.0");

            IMqttDeliveryToken waiting = device.publish(TELEMETRY, JSON, 1, false);
            Thread.sleep(300); // proving an absence: the socket is not read, so no PUBACK comes
            assertThat(waiting.isComplete()).isFalse();
            assertThat(ingest.messages()).hasSize(1);

            disk.free(SimulatedDisk.TOTAL / 2);
            guard.check();
            waiting.waitForCompletion(5_000);
            assertThat(ingest.messages()).extracting(InboundMessage::channel)
                    .containsExactly(Channel.TELEMETRY, Channel.TELEMETRY);
            HttpResponse<String> up = health();
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(up.body()).contains("\"disk\":\"ok\"").contains("\"paused\":false");
            device.disconnect().waitForCompletion(5_000);
        } finally {
            device.close(true);
        }
    }

    private HttpResponse<String> health() throws Exception {
        return get("/health");
    }

    private String metrics() throws Exception {
        return get("/metrics").body();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
