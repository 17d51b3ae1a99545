package io.anju.gateway.e2e;

import io.anju.common.model.DeviceType;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.Topics;
import io.anju.kafka.EmbeddedKafka;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The durability promise with real devices: Paho clients publish QoS 1 without pause; the Kafka broker is stopped
 * mid-stream and acknowledgements stop; it is started again and publishing goes on; every message whose PUBACK a
 * device received is in Kafka. The broker is the test's own, so the test can stop and start it.
 */
class BackpressureIT {
    private static final int DEVICES = 4;
    /** Above the gateway's limits.inflightPerConnection (100), so the gateway also stops reading the sockets. */
    private static final int WINDOW = 150;

    @TempDir
    Path dir;
    private EmbeddedKafka kafka;
    private GatewayFixture gateway;
    private PublishingFleet fleet;

    @AfterEach
    void stop() throws InterruptedException {
        if (fleet != null) {
            fleet.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void brokerOutage_stopsAcknowledgements_andEveryAcknowledgedMessageIsInKafkaAfterRestart() throws Exception {
        kafka = new EmbeddedKafka(dir.resolve("broker"), 0).start();
        gateway = GatewayFixture.prepare(dir, DEVICES).start(Map.of(
                "kafka.bootstrap", kafka.bootstrapServers(),
                "limits.messagesPerSecond", "300", "limits.messageBurst", "300"));
        fleet = PublishingFleet.start(gateway.tcpUri(), gateway::secret, DEVICES, WINDOW);

        await("messages flow while Kafka is up").atMost(Duration.ofSeconds(30)).until(() -> acked() >= 400);
        assertThat(health()).startsWith("200 ").contains("\"kafka\":\"up\"");

        kafka.stop();
        // PUBACKs for records Kafka took just before it stopped may still be on their way.
        Thread.sleep(1_000);
        int ackedAtOutage = acked();
        int publishedAtOutage = published();
        Thread.sleep(3_000);
        assertThat(acked()).as("no acknowledgement while Kafka is down").isEqualTo(ackedAtOutage);
        assertThat(published()).as("devices kept sending until their windows were full")
                .isGreaterThanOrEqualTo(publishedAtOutage);
        assertThat(published() - acked()).as("messages waiting for Kafka").isGreaterThan(0);
        // The gateway says so: it cannot take messages while Kafka does not answer.
        await("/health reports Kafka down").atMost(Duration.ofSeconds(15))
                .until(() -> health().startsWith("503 ") && health().contains("\"kafka\":\"down\""));

        kafka.start();
        await("publishing goes on after Kafka is back").atMost(Duration.ofSeconds(90))
                .until(() -> acked() >= ackedAtOutage + 400);
        await("/health reports Kafka up again").atMost(Duration.ofSeconds(15))
                .until(() -> health().startsWith("200 ") && health().contains("\"kafka\":\"up\""));

        fleet.stop();
        for (PublishingDevice d : fleet.devices()) {
            assertThat(d.awaitOutcomes(60, TimeUnit.SECONDS)).as(d.deviceId() + ": outcomes of the last messages").isTrue();
        }

        Set<String> inKafka = new HashSet<>();
        for (Envelopes.Keyed r : Envelopes.read(KafkaConnection.plain(kafka.bootstrapServers()), Topics.telemetry(DeviceType.CHARGER))) {
            inKafka.add(Envelopes.id(r.value().path("deviceId").asText(), r.value().path("seq").asLong()));
        }
        for (PublishingDevice d : fleet.devices()) {
            assertThat(d.ackedCount()).as(d.deviceId() + " acknowledged before and after the outage").isGreaterThan(0);
        }
        Set<String> acknowledged = fleet.acknowledged();
        assertThat(acknowledged).hasSizeGreaterThan(ackedAtOutage);
        assertThat(inKafka).as("every acknowledged message is in Kafka").containsAll(acknowledged);
    }

    /** The gateway's {@code /health}: its status code, a space and its body. */
    private String health() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + gateway.node().server().httpPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    private int acked() {
        return fleet.acked();
    }

    private int published() {
        return fleet.published();
    }
}
