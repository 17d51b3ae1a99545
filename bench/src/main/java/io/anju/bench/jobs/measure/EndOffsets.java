package io.anju.bench.jobs.measure;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How much has been written to some topics: the sum of their partitions' end offsets. The load producer is
 * idempotent but not transactional, so an end offset counts records and nothing else.
 */
public final class EndOffsets implements AutoCloseable {
    private final Admin admin;
    private final Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();

    public EndOffsets(String bootstrap, Collection<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        admin.describeTopics(List.copyOf(topics)).allTopicNames().get(10, TimeUnit.SECONDS)
                .forEach((name, d) -> d.partitions().forEach(p ->
                        partitions.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
    }

    public int partitions() {
        return partitions.size();
    }

    /** Records in the topics now. */
    public long total() throws ExecutionException, InterruptedException, TimeoutException {
        return admin.listOffsets(partitions).all().get(10, TimeUnit.SECONDS).values().stream()
                .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    }

    @Override
    public void close() {
        admin.close();
    }
}
