package io.anju.gateway.cluster;

import io.anju.common.topic.KafkaConnection;
import io.anju.kafka.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Node ids among the gateways of one real Kafka broker: one running holder per id, freed by a clean stop. */
class NodeIdLeaseIT {
    static final Duration LEASE = Duration.ofSeconds(30);
    @TempDir
    static Path dir;
    static EmbeddedKafka broker;
    static KafkaConnection kafka;

    @BeforeAll
    static void start() {
        broker = new EmbeddedKafka(dir, 0).start();
        kafka = KafkaConnection.plain(broker.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void aSecondNodeWithTheSameId_isRefusedNamingTheSetting_whileOtherIdsStart() throws Exception {
        try (NodeIdLease first = NodeIdLease.acquire(kafka, (short) 1, "gw-a", "host-1", LEASE);
             NodeIdLease other = NodeIdLease.acquire(kafka, (short) 1, "gw-b", "host-2", LEASE)) {
            assertThatThrownBy(() -> NodeIdLease.acquire(kafka, (short) 1, "gw-a", "host-2", LEASE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("setting node.id = 'gw-a': is in use by a running gateway (host host-1");
            assertThat(first).isNotNull();
            assertThat(other).isNotNull();
        }
    }

    @Test
    void twoNodesStartingAtOnceWithOneId_exactlyOneStarts() throws Exception {
        CompletableFuture<NodeIdLease> one = CompletableFuture.supplyAsync(() -> acquire("gw-e", "host-1"));
        CompletableFuture<NodeIdLease> two = CompletableFuture.supplyAsync(() -> acquire("gw-e", "host-2"));
        List<NodeIdLease> started = new ArrayList<>();
        List<Throwable> refused = new ArrayList<>();
        for (CompletableFuture<NodeIdLease> f : List.of(one, two)) {
            try {
                started.add(f.get(60, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                refused.add(e.getCause());
            }
        }
        started.forEach(NodeIdLease::close);
        assertThat(started).hasSize(1);
        assertThat(refused).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("node.id = 'gw-e'"));
    }

    private static NodeIdLease acquire(String nodeId, String host) {
        try {
            return NodeIdLease.acquire(kafka, (short) 1, nodeId, host, LEASE);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCleanStop_freesTheIdAtOnce_forANodeOnAnotherHost() throws Exception {
        NodeIdLease.acquire(kafka, (short) 1, "gw-c", "host-1", LEASE).close();
        try (NodeIdLease successor = NodeIdLease.acquire(kafka, (short) 1, "gw-c", "host-2", LEASE)) {
            assertThat(successor).isNotNull();
        }
    }

    @Test
    void aRefusedNode_leavesTheHoldersClaimInPlace() throws Exception {
        try (NodeIdLease holder = NodeIdLease.acquire(kafka, (short) 1, "gw-d", "host-1", LEASE)) {
            assertThatThrownBy(() -> NodeIdLease.acquire(kafka, (short) 1, "gw-d", "host-2", LEASE))
                    .hasMessageContaining("node.id");
            assertThatThrownBy(() -> NodeIdLease.acquire(kafka, (short) 1, "gw-d", "host-3", LEASE))
                    .as("still held after the first refusal").hasMessageContaining("host host-1");
        }
    }
}
