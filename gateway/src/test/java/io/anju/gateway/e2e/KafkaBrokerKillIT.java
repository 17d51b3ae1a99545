package io.anju.gateway.e2e;

import io.anju.common.model.DeviceType;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.Topics;
import io.anju.kafka.cluster.ClusterLayout;
import io.anju.kafka.cluster.KafkaClusterMain;
import io.anju.testsupport.ServiceJvm;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The durability promise on a Kafka cluster when a broker dies: three KRaft nodes, each in a JVM of its own (started as
 * {@code ./anju cluster kafka up} starts them), the gateway on them with its default replication (three replicas,
 * {@code min.insync.replicas=2}), Paho devices publishing QoS 1 telemetry without pause. Mid-stream the broker leading
 * a telemetry partition gets a SIGKILL. The gateway goes on acknowledging with the two brokers left, and every message
 * whose PUBACK a device received is in Kafka afterwards.
 */
class KafkaBrokerKillIT {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerKillIT.class);
    private static final int BROKERS = 3;
    private static final int DEVICES = 6;
    /** Unacknowledged publishes per device; below the gateway's limits.inflightPerConnection (100). */
    private static final int WINDOW = 50;
    /** PUBACKs before the kill, and again after it with two brokers. */
    private static final int ACKS_BEFORE = 1_500;
    private static final int ACKS_AFTER = 1_500;
    private static final Duration START_PATIENCE = Duration.ofSeconds(60);
    /** Small heaps, C1 only and the serial collector: three brokers start quickly on a busy two-core machine. */
    private static final List<String> BROKER_JVM = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private static final String TELEMETRY = Topics.telemetry(DeviceType.CHARGER);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;
    private final List<ServiceJvm> brokers = new ArrayList<>();
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
        for (ServiceJvm broker : brokers) {
            broker.close();
        }
    }

    @Test
    void sigkillOfABroker_theGatewayGoesOnAcknowledging_andEveryAcknowledgedMessageIsInKafka() throws Exception {
        ClusterLayout layout = startCluster();
        KafkaConnection kafka = KafkaConnection.plain(layout.bootstrapServers());
        gateway = GatewayFixture.prepare(dir, DEVICES).start(Map.of("kafka.bootstrap", layout.bootstrapServers(),
                "limits.messagesPerSecond", "100000", "limits.messageBurst", "100000"));
        assertThreeCopiesTwoInSync(kafka);

        fleet = PublishingFleet.start(gateway.tcpUri(), gateway::secret, DEVICES, WINDOW);
        await("PUBACKs from the gateway on three brokers").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20)).until(() -> fleet.acked() >= ACKS_BEFORE);
        int victim = leaderOfFirstPartition(kafka);
        brokers.get(victim - 1).kill();
        long killedAt = System.nanoTime();
        int ackedAtKill = fleet.acked();
        await("PUBACKs again with broker " + victim + " dead").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20)).until(() -> fleet.acked() > ackedAtKill);
        long ackedAgainMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        await(ACKS_AFTER + " PUBACKs with two brokers").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20)).until(() -> fleet.acked() >= ackedAtKill + ACKS_AFTER);
        fleet.stop();
        for (PublishingDevice d : fleet.devices()) {
            assertThat(d.awaitOutcomes(30, TimeUnit.SECONDS)).as(d.deviceId() + ": outcomes of the last messages")
                    .isTrue();
        }

        AckedInKafka found = AckedInKafka.of(fleet, kafka);
        LOG.info("broker {} killed after {} PUBACKs; devices acknowledged again after {} ms; {} messages acknowledged, "
                        + "{} of them in Kafka; {} records, {} of them repeats", victim, ackedAtKill, ackedAgainMs,
                found.acknowledged().size(), found.found(), found.records(), found.repeats());
        assertThat(found.acknowledged()).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE + ACKS_AFTER);
        assertThat(found.missing()).as("acknowledged messages not in Kafka after broker %d was killed", victim)
                .isEmpty();
    }

    /** Three node JVMs on one layout, as the script starts them, once all serve with every replica in sync. */
    private ClusterLayout startCluster() throws Exception {
        ClusterLayout layout = ClusterLayout.ensure(dir.resolve("cluster"), BROKERS);
        for (int id = 1; id <= BROKERS; id++) {
            brokers.add(ServiceJvm.start(KafkaClusterMain.class, BROKER_JVM,
                    List.of("node", layout.dir().toString(), String.valueOf(id)), dir.resolve("broker-" + id + ".log")));
        }
        for (int id = 1; id <= BROKERS; id++) {
            brokers.get(id - 1).awaitLog("Kafka cluster node " + id + " up", START_PATIENCE);
        }
        assertThat(KafkaClusterMain.await(layout, START_PATIENCE)).as("the cluster is ready").isTrue();
        return layout;
    }

    /** What the replication rule gave the gateway's telemetry topic on three brokers. */
    private static void assertThreeCopiesTwoInSync(KafkaConnection kafka) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            TopicDescription topic = admin.describeTopics(List.of(TELEMETRY)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(TELEMETRY);
            assertThat(topic.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, TELEMETRY);
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
            assertThat(config.get("min.insync.replicas").source()).as("set on the topic, not a broker default")
                    .isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        }
    }

    /** The broker leading the telemetry topic's partition 0: killing it moves that partition's leadership. */
    private static int leaderOfFirstPartition(KafkaConnection kafka) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            return admin.describeTopics(List.of(TELEMETRY)).allTopicNames().get(30, TimeUnit.SECONDS).get(TELEMETRY)
                    .partitions().get(0).leader().id();
        }
    }
}
