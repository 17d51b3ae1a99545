package io.anju.gateway.e2e;

import io.anju.common.auth.SecretHash;
import io.anju.common.json.Json;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.LocationChain;
import io.anju.common.registry.RegistryDocument;
import io.anju.common.registry.live.PublishedRegistry;
import io.anju.common.registry.live.RegistryPublisher;
import io.anju.common.registry.live.RegistryTopic;
import io.anju.common.topic.MqttTopics;
import io.anju.common.topic.Topics;
import io.anju.gateway.mqtt.reply.MqttReplies;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The registry changing under a running gateway (issue 14): revisions published on {@code anju.registry} take effect
 * without a restart. A disabled device is disconnected within seconds without its Will and refused after; a device
 * added connects; a moved device keeps its connection and its next envelope carries its new place; a rotated secret lets the old one in until its grace ends; a record that does not validate leaves
 * the last good revision in use; and a restarted node applies the published revisions before it lets a device in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveRegistryIT {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRegistryIT.class);
    private static final int NOT_AUTHORIZED = 0x87;
    private static final int BAD_CREDENTIALS = 0x86;

    private Path dir;
    private GatewayFixture gateway;
    private RegistryPublisher publisher;
    private RegistryDocument current;
    private long revision;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("anju-live-registry-");
        gateway = GatewayFixture.prepare(dir, 8).start(Map.of());
        publisher = new RegistryPublisher(gateway.kafka(), "live-registry-it");
        current = gateway.registry().document();
    }

    @AfterAll
    void stop() {
        publisher.close();
        gateway.close();
    }

    @Test
    @Order(1)
    void aDisabledDevice_isDisconnectedWithinSeconds_withoutItsWill_andRefusedAfter() throws Exception {
        String id = GatewayFixture.loadDevice(1);
        CompletableFuture<Integer> disconnected = new CompletableFuture<>();
        MqttAsyncClient device = v5Client(id, disconnected);
        MqttConnectionOptions options = DeviceClients.v5(id, gateway.secret(id));
        options.setWill(MqttTopics.status(DeviceType.CHARGER, id),
                new MqttMessage(DeviceClients.bytes("{\"ts\":1764378000000,\"seq\":9,\"state\":\"offline\"}"), 1,
                        false, null));
        device.connect(options).waitForCompletion(DeviceClients.WAIT_MS);
        try {
            long published = System.nanoTime();
            publish("disable " + id, devices -> replace(devices, id, d -> d.withEnabled(false)));
            assertThat(disconnected.get(10, TimeUnit.SECONDS)).as("DISCONNECT reason")
                    .isEqualTo((int) MqttReplies.ADMINISTRATIVE_ACTION & 0xFF);
            LOG.info("revision published -> device disconnected in {} ms",
                    Duration.ofNanos(System.nanoTime() - published).toMillis());
        } finally {
            device.close(true);
        }
        assertThat(connectCode(id, gateway.secret(id))).as("the disabled device connecting again")
                .isEqualTo(NOT_AUTHORIZED);
        assertThat(Envelopes.read(gateway.kafka(), Topics.STATUS))
                .as("no Will of a device the registry disconnected")
                .noneMatch(r -> id.equals(r.value().path("deviceId").asText()));
        assertThat(Envelopes.read(gateway.kafka(), Topics.DIAGNOSTICS))
                .as("the vendor's diagnostics say why the connection ended")
                .anyMatch(r -> id.equals(r.value().path("deviceId").asText())
                        && "registry_withdrawn".equals(r.value().path("code").asText()));
    }

    @Test
    @Order(2)
    void aDeviceAddedByARevision_connectsWithoutARestart() throws Exception {
        String id = "chg-new-0001";
        String secret = "a-new-secret-of-the-installer";
        Device template = gateway.device(GatewayFixture.loadDevice(2));
        assertThat(connectCode(id, secret)).as("before it is registered").isEqualTo(BAD_CREDENTIALS);
        publish("add " + id, devices -> {
            devices.add(new Device(id, template.type(), template.location(), SecretHash.hash(secret), true,
                    template.charger(), null, null));
            return devices;
        });
        assertThat(connectCode(id, secret)).isZero();
    }

    @Test
    @Order(3)
    void aRotatedSecret_letsTheOldOneInUntilItsGraceEnds() throws Exception {
        String inGrace = GatewayFixture.loadDevice(3);
        String pastGrace = GatewayFixture.loadDevice(4);
        long now = System.currentTimeMillis();
        publish("rotate-secret " + inGrace + ", " + pastGrace, devices -> {
            replace(devices, inGrace, d -> d.withSecretRotated(SecretHash.hash("new-" + inGrace), now + 600_000));
            return replace(devices, pastGrace, d -> d.withSecretRotated(SecretHash.hash("new-" + pastGrace), now - 1));
        });
        assertThat(connectCode(inGrace, "new-" + inGrace)).as("the new secret").isZero();
        assertThat(connectCode(inGrace, gateway.secret(inGrace))).as("the old secret in its grace").isZero();
        assertThat(connectCode(pastGrace, "new-" + pastGrace)).as("the new secret").isZero();
        assertThat(connectCode(pastGrace, gateway.secret(pastGrace))).as("the old secret past its grace")
                .isEqualTo(BAD_CREDENTIALS);
    }

    @Test
    @Order(4)
    void aRecordThatDoesNotValidate_isReported_andTheLastGoodRevisionStays() throws Exception {
        String id = GatewayFixture.loadDevice(5);
        double rejectedBefore = gauge("anju.gateway.registry.rejected");
        List<Device> broken = new ArrayList<>(current.devices());
        replace(broken, id, d -> d.withEnabled(false));
        broken.add(broken.get(0)); // a duplicate id breaks a rule
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(gateway.kafka().clientProperties(),
                new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topics.REGISTRY, RegistryTopic.KEY, DeviceClients.bytes("{not json"))).get();
            raw.send(new ProducerRecord<>(Topics.REGISTRY, RegistryTopic.KEY, Json.toBytes(new PublishedRegistry(
                    revision + 1, System.currentTimeMillis(), "test", "a duplicate device", withDevices(broken)))))
                    .get();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> gauge("anju.gateway.registry.rejected") == rejectedBefore + 2);
        assertThat(gauge("anju.gateway.registry.revision")).isEqualTo(revision);
        assertThat(connectCode(id, gateway.secret(id))).as("the device the broken revision would disable").isZero();
    }

    @Test
    @Order(5)
    void aMovedDevice_staysConnected_andItsNextEnvelopeCarriesItsNewPlace() throws Exception {
        String id = GatewayFixture.loadDevice(6);
        Device before = gateway.device(id);
        LocationChain elsewhere = gateway.registry().devicesOfType(DeviceType.CHARGER).stream().map(Device::location)
                .filter(l -> !l.compoundId().equals(before.location().compoundId())
                        && !l.gridId().equals(before.location().gridId()))
                .findFirst().orElseThrow();
        CompletableFuture<Integer> disconnected = new CompletableFuture<>();
        MqttAsyncClient device = v5Client(id, disconnected);
        device.connect(DeviceClients.v5(id, gateway.secret(id))).waitForCompletion(DeviceClients.WAIT_MS);
        try {
            publish("move " + id + " to " + elsewhere.compoundId(), devices ->
                    replace(devices, id, d -> d.withLocation(elsewhere)));
            int code = DeviceClients.reasonCode(device.publish(MqttTopics.telemetry(DeviceType.CHARGER, id),
                    new MqttMessage(DeviceClients.bytes(DeviceClients.chargerTelemetry(1764378000000L, 4242)), 1,
                            false, null)));
            assertThat(code).isZero();
            assertThat(disconnected).as("still connected").isNotDone();
            device.disconnect().waitForCompletion(DeviceClients.WAIT_MS);
        } finally {
            device.close(true);
        }
        assertThat(Envelopes.read(gateway.kafka(), Topics.telemetry(DeviceType.CHARGER)))
                .filteredOn(r -> id.equals(r.value().path("deviceId").asText())
                        && r.value().path("seq").asLong() == 4242)
                .singleElement().satisfies(r -> {
                    assertThat(r.value().path("location").path("compoundId").asText())
                            .isEqualTo(elsewhere.compoundId());
                    assertThat(r.value().path("location").path("gridId").asText()).isEqualTo(elsewhere.gridId());
                });
    }

    @Test
    @Order(6)
    void aRestartedNode_appliesThePublishedRevisions_beforeItLetsADeviceIn() throws Exception {
        gateway.node().close();
        gateway.start(Map.of());
        assertThat(gauge("anju.gateway.registry.revision")).as("revision in use at start").isEqualTo(revision);
        assertThat(connectCode(GatewayFixture.loadDevice(1), gateway.secret(GatewayFixture.loadDevice(1))))
                .as("the device disabled before the restart").isEqualTo(NOT_AUTHORIZED);
        assertThat(connectCode("chg-new-0001", "a-new-secret-of-the-installer")).as("the device added").isZero();
    }

    /** Publishes the next revision: the current devices changed by {@code change}; waits until the gateway uses it. */
    private void publish(String change, UnaryOperator<List<Device>> edit) {
        current = withDevices(edit.apply(new ArrayList<>(current.devices())));
        revision++;
        publisher.publish(new PublishedRegistry(revision, System.currentTimeMillis(), "live-registry-it", change,
                current));
        await().atMost(Duration.ofSeconds(10)).until(() -> gauge("anju.gateway.registry.revision") == revision);
    }

    private RegistryDocument withDevices(List<Device> devices) {
        return new RegistryDocument(current.version(), current.seed(), current.note(), current.subDistricts(),
                current.communities(), current.grids(), current.compounds(), current.zones(), List.copyOf(devices));
    }

    private static List<Device> replace(List<Device> devices, String id, UnaryOperator<Device> change) {
        devices.replaceAll(d -> d.id().equals(id) ? change.apply(d) : d);
        return devices;
    }

    private double gauge(String name) {
        return gateway.node().meters().find(name).gauge().value();
    }

    /** The CONNACK reason code an MQTT 5 client gets (0: accepted); the connection is closed again. */
    private int connectCode(String id, String secret) throws Exception {
        MqttAsyncClient client = v5Client(id, new CompletableFuture<>());
        try {
            IMqttToken token = client.connect(DeviceClients.v5(id, secret));
            token.waitForCompletion(DeviceClients.WAIT_MS);
            client.disconnect().waitForCompletion(DeviceClients.WAIT_MS);
            return 0;
        } catch (MqttException e) {
            return e.getReasonCode();
        } finally {
            client.close(true);
        }
    }

    private MqttAsyncClient v5Client(String id, CompletableFuture<Integer> disconnected) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(gateway.tcpUri(), id, new MemoryPersistence());
        client.setCallback(new QuietV5Callback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                disconnected.complete(response.getReturnCode());
            }
        });
        return client;
    }
}
