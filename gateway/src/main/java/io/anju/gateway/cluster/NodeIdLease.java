package io.anju.gateway.cluster;

import io.anju.common.config.Require;
import io.anju.common.json.Json;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.TopicAdmin;
import io.anju.common.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * This node's hold on its {@code node.id} among the gateways of one Kafka cluster. Two nodes with one id would share a
 * command consumer group and misroute commands, so a node that finds its id held by another running instance refuses
 * to start, naming {@code node.id}. Holds are records on the compacted {@link Topics#GATEWAY_NODES}: a starting node
 * reads the topic, writes its claim and reads back to it, so of two nodes starting at once the one whose claim the log
 * holds first wins. A running node renews its claim every third of {@code node.lease}; a clean stop writes a
 * tombstone, so a successor on another host needs not wait.
 */
public final class NodeIdLease implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeIdLease.class);
    private static final TopicPartition PARTITION = new TopicPartition(Topics.GATEWAY_NODES, 0);
    private static final Duration READ_LIMIT = Duration.ofSeconds(30);
    private static final Duration TOMBSTONE_WAIT = Duration.ofSeconds(1);

    private final KafkaConnection kafka;
    private final String nodeId;
    private final ClaimRule rule;
    private final String host;
    private final String instance = UUID.randomUUID().toString();
    private final KafkaProducer<String, byte[]> producer;
    private final ScheduledExecutorService heartbeats;
    private volatile boolean held;

    private NodeIdLease(KafkaConnection kafka, String nodeId, String host, Duration lease) {
        this.kafka = kafka;
        this.nodeId = nodeId;
        this.host = host;
        this.rule = new ClaimRule(host, lease, pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        this.producer = new KafkaProducer<>(producerProperties(kafka, nodeId));
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "anju-node-lease-" + nodeId);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Takes {@code nodeId} for this process, or fails naming {@code node.id} when another running gateway holds it.
     *
     * @param host  this host's name (a claim made here by a process that is gone holds nothing)
     * @param lease how long a claim holds without a heartbeat
     */
    public static NodeIdLease acquire(KafkaConnection kafka, short replicationFactor, String nodeId, String host,
                                      Duration lease) throws InterruptedException {
        TopicAdmin.ensure(kafka, "kafka.bootstrap", List.of(Topics.GATEWAY_NODES), 1, replicationFactor,
                Map.of("cleanup.policy", "compact"));
        NodeIdLease l = new NodeIdLease(kafka, nodeId, host, lease);
        try {
            l.claim();
        } catch (RuntimeException | InterruptedException e) {
            l.close();
            throw e;
        }
        long every = Math.max(1, lease.toMillis() / 3);
        l.heartbeats.scheduleAtFixedRate(l::renew, every, every, TimeUnit.MILLISECONDS);
        LOG.info("node.id {} is this gateway's (instance {}, renewed every {} ms on {})", nodeId, l.instance, every,
                Topics.GATEWAY_NODES);
        return l;
    }

    private void claim() throws InterruptedException {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties(kafka))) {
            consumer.assign(List.of(PARTITION));
            consumer.seekToBeginning(List.of(PARTITION));
            long end = consumer.endOffsets(List.of(PARTITION), READ_LIMIT).get(PARTITION);
            NodeClaim latest = null;
            for (ConsumerRecord<String, byte[]> r : readUpTo(consumer, end)) {
                latest = nodeId.equals(r.key()) ? decode(r) : latest;
            }
            refuseIfHeld(latest);
            long mine = send(current(), READ_LIMIT).offset();
            held = true;
            // Another node may have claimed the id since the read: the claim the log holds first wins.
            for (ConsumerRecord<String, byte[]> r : readUpTo(consumer, mine)) {
                if (nodeId.equals(r.key())) {
                    refuseIfHeld(decode(r));
                }
            }
        }
    }

    private void refuseIfHeld(NodeClaim other) {
        rule.holds(other, instance, System.currentTimeMillis()).ifPresent(why -> {
            held = false;
            throw Require.failure("node.id", nodeId, why);
        });
    }

    /** The records before {@code end}, in order. */
    private static List<ConsumerRecord<String, byte[]>> readUpTo(KafkaConsumer<String, byte[]> consumer, long end) {
        List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
        long deadline = System.nanoTime() + READ_LIMIT.toNanos();
        while (consumer.position(PARTITION) < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cannot read " + Topics.GATEWAY_NODES + " to offset " + end
                        + " within " + READ_LIMIT.toSeconds() + " s");
            }
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.offset() < end) {
                    read.add(r);
                }
            }
        }
        return read;
    }

    private static NodeClaim decode(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return null;
        }
        try {
            return Json.fromBytes(r.value(), NodeClaim.class);
        } catch (RuntimeException e) {
            LOG.warn("{} offset {} is not a node claim, ignored: {}", Topics.GATEWAY_NODES, r.offset(), e.getMessage());
            return null;
        }
    }

    private NodeClaim current() {
        return new NodeClaim(instance, host, ProcessHandle.current().pid(), System.currentTimeMillis());
    }

    private RecordMetadata send(NodeClaim claim, Duration within) throws InterruptedException {
        try {
            return producer.send(new ProducerRecord<>(Topics.GATEWAY_NODES, nodeId,
                    claim == null ? null : Json.toBytes(claim))).get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write this node's claim on " + Topics.GATEWAY_NODES + ": " + e, e);
        }
    }

    private void renew() {
        producer.send(new ProducerRecord<>(Topics.GATEWAY_NODES, nodeId, Json.toBytes(current())), (meta, e) -> {
            if (e != null) {
                LOG.warn("renewing node.id {} on {} failed (retried at the next heartbeat): {}", nodeId,
                        Topics.GATEWAY_NODES, e.toString());
            }
        });
    }

    /** Stops renewing and, if this node held its id, gives it up at once. */
    @Override
    public void close() {
        heartbeats.shutdownNow();
        try {
            if (held) {
                held = false;
                // Briefly: a stop must not hang on a broker that is gone; the lease then frees the id.
                send(null, TOMBSTONE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("giving up node.id {} failed; it frees itself after node.lease: {}", nodeId, e.getMessage());
        } finally {
            producer.close(TOMBSTONE_WAIT);
        }
    }

    private static Map<String, Object> producerProperties(KafkaConnection kafka, String nodeId) {
        Map<String, Object> p = new HashMap<>(kafka.clientProperties());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "anju-gateway-lease-" + nodeId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return p;
    }

    private static Map<String, Object> consumerProperties(KafkaConnection kafka) {
        Map<String, Object> p = new HashMap<>(kafka.clientProperties());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return p;
    }
}
