package io.anju.bench.e2e;

import io.anju.common.topic.KafkaConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where a topic's log ends and how far a consumer group has committed in it, summed over its partitions. The Flink
 * jobs commit their Kafka positions at each completed checkpoint, so a group's committed sum counts the records whose
 * effects (points written to InfluxDB, alerts committed) are in a completed checkpoint.
 */
final class KafkaPositions implements AutoCloseable {
    private final Admin admin;

    KafkaPositions(KafkaConnection kafka) {
        Map<String, Object> props = kafka.clientProperties();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        this.admin = Admin.create(props);
    }

    /** Records written to the topic so far (0 when it does not exist yet). */
    long endOffsets(String topic) throws ExecutionException, InterruptedException, TimeoutException {
        return endOffsetsByPartition(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Each partition's end offset; empty when the topic does not exist yet. */
    Map<TopicPartition, Long> endOffsetsByPartition(String topic)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, Long> out = new HashMap<>();
        if (!admin.listTopics().names().get(15, TimeUnit.SECONDS).contains(topic)) {
            return out;
        }
        Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
        admin.describeTopics(Set.of(topic)).allTopicNames().get(15, TimeUnit.SECONDS).get(topic).partitions()
                .forEach(p -> ask.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        admin.listOffsets(ask).all().get(15, TimeUnit.SECONDS).forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    /** Records of the topic the group has committed (0 before its first commit). */
    long committed(String group, String topic) throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(15, TimeUnit.SECONDS);
        return offsets.entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    @Override
    public void close() {
        admin.close();
    }
}
