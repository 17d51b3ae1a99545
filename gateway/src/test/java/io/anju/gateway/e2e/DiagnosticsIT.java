package io.anju.gateway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;
import io.anju.common.model.DeviceType;
import io.anju.common.topic.MqttTopics;
import io.anju.common.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.MqttWireMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The vendor's view of a device from the gateway's side: MQTT 5 reason strings on refusals and rejected payloads
 * (and none with {@code mqtt.reasonStrings=false}), and {@code anju.diagnostics} telling connects, refusals, rejected
 * payloads (MQTT 3.1.1 too) and disconnects, bounded under a flood of refused CONNECTs. One gateway for all.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DiagnosticsIT {
    private static final long TS = 1_764_378_000_000L;
    private static final String BAD_ENUM = "{\"ts\":" + TS + ",\"seq\":3,\"ports\":[{\"no\":1,\"state\":\"exploding\"}]}";
    private static final String BAD_ENUM_REASON = "bad_value";
    private static final int BURST = 100;
    private static final double RATE = 2.0;

    @TempDir
    static Path dir;
    private static GatewayFixture gateway;
    private static Tail tail;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayFixture.prepare(dir, 8).start(Map.of("diagnostics.burst", String.valueOf(BURST),
                "diagnostics.ratePerSecond", String.valueOf(RATE)));
        tail = new Tail(gateway);
    }

    @AfterAll
    static void stop() {
        if (tail != null) {
            tail.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void mqtt5_invalidPayload_getsPuback0x99NamingTheRule_andTheDiagnosticsTellItWithAnExcerpt() throws Exception {
        String device = GatewayFixture.loadDevice(1);
        MqttAsyncClient v5 = v5Client(device);
        try {
            v5.connect(DeviceClients.v5(device, gateway.secret(device))).waitForCompletion(DeviceClients.WAIT_MS);
            String topic = MqttTopics.telemetry(DeviceType.CHARGER, device);
            IMqttToken token = v5.publish(topic, new MqttMessage(DeviceClients.bytes(BAD_ENUM), 1, false, null));
            assertThat(DeviceClients.reasonCode(token)).isEqualTo(0x99);
            assertThat(reasonString(token)).startsWith("bad_value:").contains("state").contains("exploding");
            v5.disconnect().waitForCompletion(DeviceClients.WAIT_MS);
        } finally {
            v5.close(true);
        }
        JsonNode rejected = tail.await(r -> device.equals(r.path("deviceId").asText())
                && "payload_rejected".equals(r.path("kind").asText()));
        assertThat(rejected.path("code").asText()).isEqualTo(BAD_ENUM_REASON);
        assertThat(rejected.path("reason").asText()).contains("state").contains("exploding");
        assertThat(rejected.path("topic").asText()).isEqualTo(MqttTopics.telemetry(DeviceType.CHARGER, device));
        assertThat(rejected.path("excerpt").asText()).isEqualTo(BAD_ENUM);
        assertThat(rejected.path("node").asText()).isEqualTo(GatewayFixture.NODE_ID);
        JsonNode connected = tail.await(r -> device.equals(r.path("deviceId").asText()) && "connected".equals(r.path("kind").asText()));
        assertThat(connected.path("protocol").asText()).isEqualTo("5");
        assertThat(connected.path("keepAliveS").asInt()).isEqualTo(60);
        assertThat(connected.path("remote").asText()).startsWith("127.0.0.1:");
        assertThat(tail.await(r -> device.equals(r.path("deviceId").asText()) && "disconnected".equals(r.path("kind").asText()))
                .path("code").asText()).isEqualTo("client_disconnect");
    }

    @Test
    void mqtt5_refusedConnect_getsAReasonString_andTheDiagnosticsTellTheRefusal() throws Exception {
        String device = GatewayFixture.loadDevice(2);
        // Paho does not hand out a refusing CONNACK's properties: the CONNECT is written and the CONNACK read here
        byte[] connAck = rawConnect5(device, device, "not-the-secret");
        assertThat(connAck[0] & 0xFF).as("CONNACK").isEqualTo(0x20);
        assertThat(connAck[3] & 0xFF).as("0x86 Bad user name or password").isEqualTo(0x86);
        assertThat(new String(connAck, StandardCharsets.UTF_8)).contains("unknown device, wrong secret");
        JsonNode refused = tail.await(r -> device.equals(r.path("deviceId").asText()) && "refused".equals(r.path("kind").asText()));
        assertThat(refused.path("code").asText()).isEqualTo("bad_credentials");
        assertThat(refused.path("protocol").asText()).isEqualTo("5");
    }

    @Test
    void mqtt311_invalidPayload_isAcknowledgedAsDocumented_butTheDiagnosticsTellIt() throws Exception {
        String device = GatewayFixture.loadDevice(3);
        String topic = MqttTopics.telemetry(DeviceType.CHARGER, device);
        try (MqttClient v3 = new MqttClient(gateway.tcpUri(), device, new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence())) {
            v3.connect(DeviceClients.v3(device, gateway.secret(device)));
            v3.publish(topic, DeviceClients.bytes("ports: all fine"), 1, false); // a normal PUBACK
            assertThat(v3.isConnected()).isTrue();
            v3.disconnect();
        }
        JsonNode rejected = tail.await(r -> device.equals(r.path("deviceId").asText())
                && "payload_rejected".equals(r.path("kind").asText()));
        assertThat(rejected.path("code").asText()).isEqualTo("not_json");
        assertThat(rejected.path("excerpt").asText()).isEqualTo("ports: all fine");
        assertThat(tail.await(r -> device.equals(r.path("deviceId").asText()) && "connected".equals(r.path("kind").asText()))
                .path("protocol").asText()).isEqualTo("3.1.1");
    }

    /** Not a time bound (the machine is shared): the figure is printed for the record. */
    @Test
    void rejectedPublishes_reachTheDiagnostics_latencyIsReported() throws Exception {
        int devices = 4;
        int perDevice = 50; // within the burst: none suppressed
        List<Long> latencies = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
            String device = GatewayFixture.loadDevice(4 + d);
            String topic = MqttTopics.telemetry(DeviceType.CHARGER, device);
            try (MqttClient v3 = new MqttClient(gateway.tcpUri(), device, new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence())) {
                v3.connect(DeviceClients.v3(device, gateway.secret(device)));
                for (int i = 0; i < perDevice; i++) {
                    v3.publish(topic, DeviceClients.bytes("latency " + i), 1, false);
                }
                v3.disconnect();
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> tail.matching(this::latencyProbe).size() == devices * perDevice);
        for (Tail.Seen s : tail.matching(this::latencyProbe)) {
            latencies.add(s.seenAtMs() - s.record().path("ts").asLong());
        }
        latencies.sort(null);
        System.out.printf("publish -> anju.diagnostics record latency over %d rejected publishes: p50 %d ms, p99 %d ms, max %d ms%n",
                latencies.size(), latencies.get(latencies.size() / 2), latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1),
                latencies.get(latencies.size() - 1));
    }

    private boolean latencyProbe(JsonNode r) {
        return "payload_rejected".equals(r.path("kind").asText()) && r.path("excerpt").asText().startsWith("latency ");
    }

    /** Last: it empties the loopback address's diagnostic budget, which the other tests' refusals need. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aFloodOfRefusedConnectsFromOneAddress_isBoundedInTheDiagnostics_andCountedAsSuppressed() throws Exception {
        int attempts = 200;
        long started = System.nanoTime();
        for (int i = 0; i < attempts; i++) {
            // a user name that is not the client id: refused before any secret is hashed, so the flood is quick
            byte[] connAck = rawConnect5("flood-" + i, "someone-else", "guess");
            assertThat(connAck[3] & 0xFF).as("0x85 Client identifier not valid").isEqualTo(0x85);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double suppressed = gateway.node().meters().counter("anju.gateway.diagnostics.suppressed").count();
        long bound = BURST + (long) Math.ceil(RATE * (seconds + 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> tail.matching(this::flood).size() + suppressed >= attempts);
        Thread.sleep(300); // nothing more should arrive
        int told = tail.matching(this::flood).size();
        assertThat(told).as("diagnostic records of %d refused CONNECTs in %.1f s", attempts, seconds)
                .isGreaterThan(0).isLessThanOrEqualTo((int) bound);
        assertThat(suppressed).isGreaterThanOrEqualTo(attempts - bound);
        assertThat(tail.matching(this::flood)).allSatisfy(s -> assertThat(s.record().path("code").asText()).isEqualTo("client_id_invalid"));
    }

    private boolean flood(JsonNode r) {
        return "refused".equals(r.path("kind").asText()) && r.path("deviceId").asText().startsWith("flood-");
    }

    @Test
    void reasonStringsSwitchedOff_aRejectedPayloadGets0x99WithoutOne(@TempDir Path other) throws Exception {
        try (GatewayFixture quiet = GatewayFixture.prepare(other, 1).start(Map.of("mqtt.reasonStrings", "false"))) {
            String device = GatewayFixture.loadDevice(1);
            MqttAsyncClient v5 = new MqttAsyncClient(quiet.tcpUri(), device, new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
            try {
                v5.connect(DeviceClients.v5(device, quiet.secret(device))).waitForCompletion(DeviceClients.WAIT_MS);
                IMqttToken token = v5.publish(MqttTopics.telemetry(DeviceType.CHARGER, device),
                        new MqttMessage(DeviceClients.bytes(BAD_ENUM), 1, false, null));
                assertThat(DeviceClients.reasonCode(token)).isEqualTo(0x99);
                assertThat(reasonString(token)).isNull();
                v5.disconnect().waitForCompletion(DeviceClients.WAIT_MS);
            } finally {
                v5.close(true);
            }
        }
    }

    /** An MQTT 5 CONNECT with user name and password, on a socket of its own; returns the gateway's whole answer. */
    private static byte[] rawConnect5(String clientId, String userName, String password) throws Exception {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(new byte[]{0, 4, 'M', 'Q', 'T', 'T', 5, (byte) 0xC2, 0, 60, 0}); // level 5, user+password+clean, no properties
        for (String field : List.of(clientId, userName, password)) {
            byte[] b = field.getBytes(StandardCharsets.UTF_8);
            body.write(b.length >> 8);
            body.write(b.length & 0xFF);
            body.write(b);
        }
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", gateway.node().server().mqttPort())) {
            socket.setSoTimeout((int) DeviceClients.WAIT_MS);
            socket.getOutputStream().write(new byte[]{0x10, (byte) body.size()}); // under 128 bytes: one length byte
            socket.getOutputStream().write(body.toByteArray());
            return socket.getInputStream().readAllBytes(); // the gateway closes after the CONNACK
        }
    }

    private static MqttAsyncClient v5Client(String clientId) throws MqttException {
        return new MqttAsyncClient(gateway.tcpUri(), clientId, new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
    }

    /** The Reason String of the answer a token completed with (waited for by {@link DeviceClients#reasonCode}). */
    private static String reasonString(IMqttToken token) {
        MqttWireMessage response = token.getResponse();
        MqttProperties p = response == null ? null : response.getProperties();
        return p == null ? null : p.getReasonString();
    }

    /** Every record of anju.diagnostics from now on, with the time it was seen, read by a thread of its own. */
    private static final class Tail implements AutoCloseable {
        record Seen(long seenAtMs, JsonNode record) {
        }

        private final Queue<Seen> seen = new ConcurrentLinkedQueue<>();
        private final Thread thread;
        private volatile boolean running = true;

        Tail(GatewayFixture gateway) {
            Map<String, Object> props = gateway.kafka().clientProperties();
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DIAGNOSTICS, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(Topics.DIAGNOSTICS, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            thread = new Thread(() -> {
                try (consumer) {
                    while (running) {
                        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(20))) {
                            JsonNode json = Json.fromBytes(r.value().getBytes(StandardCharsets.UTF_8), JsonNode.class);
                            assertThat(r.key()).isEqualTo(json.path("deviceId").asText(null));
                            seen.add(new Seen(System.currentTimeMillis(), json));
                        }
                    }
                }
            }, "diagnostics-tail");
            thread.setDaemon(true);
            thread.start();
        }

        List<Seen> matching(Predicate<JsonNode> p) {
            return seen.stream().filter(s -> p.test(s.record())).toList();
        }

        JsonNode await(Predicate<JsonNode> p) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !matching(p).isEmpty());
            return matching(p).get(0).record();
        }

        @Override
        public void close() {
            running = false;
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
