package io.anju.kafka.cluster;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TopicListing;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whether a cluster serves as a whole: every node registered and not fenced, a quorum leader that every voter has
 * caught up with, and no partition (internal topics included) with a replica outside its ISR. What {@code up} waits
 * for and {@code status} shows.
 *
 * @param brokers          ids of the brokers the cluster counts as alive (not fenced)
 * @param quorumLeader     the active controller's id, -1 when there is none
 * @param votersBehind     voters whose metadata log has not reached the quorum's high watermark
 * @param partitions       partitions of every topic
 * @param underReplicated  partitions whose ISR is smaller than their replica set
 */
public record ClusterHealth(List<Integer> brokers, int quorumLeader, int votersBehind, int partitions,
                            int underReplicated) {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

    /** Asks the cluster at {@code bootstrapServers}; throws when it does not answer within 15 s (a busy machine). */
    public static ClusterHealth of(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis()))) {
            List<Integer> brokers = get(admin.describeCluster().nodes()).stream().map(Node::id).sorted().toList();
            QuorumInfo quorum = get(admin.describeMetadataQuorum().quorumInfo());
            int behind = (int) quorum.voters().stream()
                    .filter(v -> v.logEndOffset() < quorum.highWatermark()).count();
            Collection<String> topics = get(admin.listTopics(new ListTopicsOptions().listInternal(true)).listings())
                    .stream().map(TopicListing::name).toList();
            List<TopicPartitionInfo> partitions = get(admin.describeTopics(topics).allTopicNames()).values().stream()
                    .map(TopicDescription::partitions).flatMap(List::stream).toList();
            int under = (int) partitions.stream().filter(p -> p.isr().size() < p.replicas().size()).count();
            return new ClusterHealth(brokers, quorum.leaderId(), behind, partitions.size(), under);
        }
    }

    /** All {@code size} nodes serve and every replica is in sync. */
    public boolean ready(int size) {
        return brokers.size() == size && quorumLeader >= 0 && votersBehind == 0 && underReplicated == 0;
    }

    @Override
    public String toString() {
        return "brokers " + brokers + " alive, controller quorum leader " + quorumLeader + " (" + votersBehind
                + " voters behind), " + partitions + " partitions, " + underReplicated + " under-replicated";
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) throws Exception {
        return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
