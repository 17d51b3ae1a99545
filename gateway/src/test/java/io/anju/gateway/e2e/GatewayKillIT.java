package io.anju.gateway.e2e;

import io.anju.common.topic.KafkaConnection;
import io.anju.gateway.GatewayMain;
import io.anju.testsupport.ServiceJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The durability promise across crashes of the gateway process: {@code ./anju gateway} with its embedded Kafka runs
 * in a JVM of its own while Paho devices publish QoS 1 telemetry without pause; mid-stream it gets a SIGKILL (no
 * drain, no clean broker shutdown), and a new JVM starts on the same data directory and ports, twice. The
 * devices reconnect and resend what was not acknowledged. Every message whose PUBACK a device received is in Kafka
 * afterwards (repeats allowed: QoS 1 is at least once), and the last gateway takes messages and is healthy.
 */
class GatewayKillIT {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayKillIT.class);
    private static final String NODE_ID = "gw-kill";
    private static final int DEVICES = 6;
    /** Unacknowledged publishes per device; below the gateway's limits.inflightPerConnection (100). */
    private static final int WINDOW = 50;
    private static final int ROUNDS = 2;
    /** PUBACKs each gateway JVM gives before it is killed. */
    private static final int ACKS_PER_ROUND = 2_000;
    private static final Duration START_PATIENCE = Duration.ofSeconds(60);
    /**
     * The gateway JVM's options: C1 only and the serial collector start it about twice as fast on a busy machine
     * (four starts make most of this test's time); the durability under test does not depend on the JIT or the GC.
     */
    private static final List<String> JVM = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /** EmbeddedKafka's line once it serves clients. */
    private static final Pattern CLUSTER = Pattern.compile("Embedded Kafka \\(cluster (\\S+)\\) serving");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;
    private ServiceJvm gateway;
    private PublishingFleet fleet;

    @AfterEach
    void stop() throws InterruptedException {
        if (fleet != null) {
            fleet.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void sigkillMidStream_twice_everyAcknowledgedMessageIsInKafka_andTheGatewayComesBackOnItsDataDirectory()
            throws Exception {
        GatewayFixture fixture = GatewayFixture.prepare(dir, DEVICES);
        int[] ports = freePorts(3);
        List<String> args = List.of("--registry", fixture.registryFile().toString(),
                "--data-dir", dir.resolve("data").toString(),
                "--mqtt-port", String.valueOf(ports[0]), "--http-port", String.valueOf(ports[1]),
                "--kafka-port", String.valueOf(ports[2]),
                "--set", "node.id=" + NODE_ID, "--set", "mqtt.host=127.0.0.1", "--set", "http.host=127.0.0.1",
                "--set", "kafka.topicPartitions=3",
                "--set", "limits.messagesPerSecond=100000", "--set", "limits.messageBurst=100000");
        String mqttUri = "tcp://127.0.0.1:" + ports[0];

        gateway = startGateway(args, 0);
        String clusterId = clusterId(gateway);
        fleet = PublishingFleet.start(mqttUri, fixture::secret, DEVICES, WINDOW);

        for (int round = 1; round <= ROUNDS; round++) {
            int before = acked();
            await("round " + round + ": " + ACKS_PER_ROUND + " PUBACKs from gateway JVM " + gateway.pid())
                    .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> acked() >= before + ACKS_PER_ROUND);
            gateway.kill();
            long killedAt = System.nanoTime();
            int ackedAtKill = acked();
            gateway = startGateway(args, round);
            long upAt = System.nanoTime();
            await("round " + round + ": PUBACKs again after the restart").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20)).until(() -> acked() > ackedAtKill);
            LOG.info("round {}: killed after {} PUBACKs in all; the new gateway JVM was up {} ms after the kill, "
                            + "devices acknowledged again after {} ms", round, ackedAtKill,
                    TimeUnit.NANOSECONDS.toMillis(upAt - killedAt),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
        }

        int afterLastRestart = acked();
        await("the last gateway takes messages").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> acked() >= afterLastRestart + ACKS_PER_ROUND / 4);
        await("/health of the last gateway says up").atMost(Duration.ofSeconds(15))
                .until(() -> health(ports[1]), h -> h.startsWith("200 ") && h.contains("\"kafka\":\"up\""));
        fleet.stop();
        for (PublishingDevice d : fleet.devices()) {
            assertThat(d.awaitOutcomes(30, TimeUnit.SECONDS)).as(d.deviceId() + ": outcomes of the last messages")
                    .isTrue();
        }

        AckedInKafka found = AckedInKafka.of(fleet, KafkaConnection.of("127.0.0.1:" + ports[2],
                dir.resolve("data/kafka-sasl/client.properties").toString(), "the broker's client settings"));
        LOG.info("{} kills: {} messages acknowledged, {} of them in Kafka; {} records, {} of them repeats", ROUNDS,
                found.acknowledged().size(), found.found(), found.records(), found.repeats());

        assertThat(found.acknowledged()).hasSizeGreaterThanOrEqualTo(ROUNDS * ACKS_PER_ROUND + ACKS_PER_ROUND / 4);
        assertThat(found.missing()).as("acknowledged messages not in Kafka after %d kills", ROUNDS).isEmpty();
        assertThat(clusterId(gateway)).as("the last broker continued the first one's log, not a new one")
                .isEqualTo(clusterId);
    }

    /** A gateway JVM on {@code args}, once it says it is up; {@code n} numbers its log. */
    private ServiceJvm startGateway(List<String> args, int n) throws Exception {
        ServiceJvm jvm = ServiceJvm.start(GatewayMain.class, JVM, args,
                dir.resolve("gateway-" + n + ".log"));
        try {
            jvm.awaitLog("gateway " + NODE_ID + " up", START_PATIENCE);
            return jvm;
        } catch (RuntimeException | InterruptedException e) {
            jvm.close();
            throw e;
        }
    }

    /** The cluster id of the embedded broker, as the gateway JVM's log says: kept in its log directory. */
    private static String clusterId(ServiceJvm jvm) {
        Matcher m = CLUSTER.matcher(jvm.log());
        assertThat(m.find()).as("the embedded broker's cluster id in " + jvm.logFile()).isTrue();
        return m.group(1);
    }

    private int acked() {
        return fleet.acked();
    }

    /** The gateway's {@code /health}: its status code, a space and its body. */
    private static String health(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    /** {@code n} distinct free loopback ports, kept for every restart so that the devices reconnect to the same one. */
    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                held.add(new ServerSocket(0));
            }
            return held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }
}
