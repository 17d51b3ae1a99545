package io.anju.gateway.e2e;

import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.snapshot.SnapshotFiles;
import io.anju.common.topic.MqttTopics;
import io.anju.common.topic.Topics;
import io.anju.gateway.kafka.KafkaTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The disk limits of a whole gateway node: its topics and its embedded broker keep by size as well as by time, an
 * image is kept under the device that sent it (so that its quota and kind are known), and /health and /metrics tell
 * the state of the disk.
 */
class DiskLimitsIT {
    private static final long RETENTION_BYTES = 256L << 20;
    private static final long RETENTION_MS = 72L * 3_600_000;
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 7, 7, (byte) 0xFF, (byte) 0xD9};

    @TempDir
    Path dir;
    private GatewayFixture gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void kafkaKeepsBySizeAndTime_imagesAreKeptPerDevice_andHealthReportsTheDisk() throws Exception {
        gateway = GatewayFixture.prepare(dir, 0).start(Map.of("kafka.retention", "72h",
                "kafka.retentionBytes", String.valueOf(RETENTION_BYTES)));

        try (Admin admin = Admin.create(gateway.kafka().clientProperties())) {
            List<ConfigResource> resources = new ArrayList<>();
            KafkaTopics.gatewayTopics().forEach(t -> resources.add(new ConfigResource(ConfigResource.Type.TOPIC, t)));
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
            resources.add(broker);
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            for (String topic : KafkaTopics.gatewayTopics()) {
                Config c = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic));
                assertThat(c.get("retention.bytes").value()).as(topic).isEqualTo(String.valueOf(RETENTION_BYTES));
                assertThat(c.get("retention.ms").value()).as(topic).isEqualTo(String.valueOf(RETENTION_MS));
            }
            assertThat(configs.get(broker).get("log.retention.bytes").value()).isEqualTo(String.valueOf(RETENTION_BYTES));
            assertThat(configs.get(broker).get("log.retention.ms").value()).isEqualTo(String.valueOf(RETENTION_MS));
        }

        Device gate = gateway.registry().devices().stream().filter(d -> d.type() == DeviceType.GATE).findFirst().orElseThrow();
        try (MqttClient client = new MqttClient(gateway.tcpUri(), gate.id(), new MemoryPersistence())) {
            client.connect(DeviceClients.v3(gate.id(), gateway.secret(gate.id())));
            client.publish(MqttTopics.snapshot(DeviceType.GATE, gate.id(), "g-000001"), JPEG, 1, false);
            client.disconnect();
        }
        List<Envelopes.Keyed> references = Envelopes.read(gateway.kafka(), Topics.SNAPSHOTS);
        assertThat(references).hasSize(1);
        String sha = references.get(0).value().path("payload").path("sha256").asText();
        assertThat(SnapshotFiles.of(dir.resolve("data").resolve("snapshots"), DeviceType.GATE, gate.id(), sha))
                .hasBinaryContent(JPEG);

        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + gateway.node().server().httpPort();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).contains("\"disk\":\"ok\"");
        String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("anju_gateway_disk_free_bytes{dir=\"data.dir\"}")
                .contains("anju_gateway_disk_low 0.0")
                .contains("anju_gateway_snapshots_held_bytes " + (double) JPEG.length);
    }
}
