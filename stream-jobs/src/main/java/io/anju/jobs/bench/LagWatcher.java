package io.anju.jobs.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How far a consumer group has got through some topics: the sum of its committed offsets over their partitions.
 * The Flink Kafka source commits at each completed checkpoint, so this advances in steps, once per checkpoint,
 * and counts only records whose effects are in a completed checkpoint (the alerts they raised are committed too).
 */
final class LagWatcher implements AutoCloseable {
    private final Admin admin;
    private final String group;
    private final Set<String> topics;

    LagWatcher(String bootstrap, String group, Collection<String> topics) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        this.group = group;
        this.topics = Set.copyOf(topics);
    }

    /** Records committed by the group so far (0 before its first commit). */
    long committed() throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        return offsets.entrySet().stream()
                .filter(e -> topics.contains(e.getKey().topic()) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    /** Records in the topics now (the sum of the partitions' end offsets). */
    long written() throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((name, d) ->
                d.partitions().forEach(p -> ask.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(ask).all()
                .get(10, TimeUnit.SECONDS);
        return ends.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    }

    @Override
    public void close() {
        admin.close();
    }
}
