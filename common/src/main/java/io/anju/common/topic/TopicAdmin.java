package io.anju.common.topic;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Creates missing topics up front, so no producer or consumer waits on (or races) topic auto-creation. */
public final class TopicAdmin {
    private TopicAdmin() {
    }

    /** {@link #ensure(KafkaConnection, String, Collection, int, short, TopicRetention)} with {@link TopicRetention#DEFAULT}. */
    public static void ensure(KafkaConnection kafka, String setting, Collection<String> topics, int partitions,
                              short replicationFactor) {
        ensure(kafka, setting, topics, partitions, replicationFactor, TopicRetention.DEFAULT);
    }

    /**
     * Creates those of {@code topics} that do not exist, with {@code retention}; fails naming {@code setting} and the
     * broker when it cannot be reached within 30 s. Several parts of the platform may race to create the same topic:
     * that is fine. A topic that exists keeps its configs (change them with {@code kafka-configs.sh --alter}).
     */
    public static void ensure(KafkaConnection kafka, String setting, Collection<String> topics, int partitions,
                              short replicationFactor, TopicRetention retention) {
        ensure(kafka, setting, topics, partitions, replicationFactor, retention.topicConfigs());
    }

    /**
     * Creates those of {@code topics} that do not exist, with these topic configs (e.g. a compacted topic's) and the
     * {@link Replication} rule: {@code replicationFactor} {@link Replication#AUTO} counts the cluster's brokers (fenced
     * ones too, so a cluster with a broker down still gets its usual factor, or fails to create rather than settle for
     * fewer copies).
     */
    public static void ensure(KafkaConnection kafka, String setting, Collection<String> topics, int partitions,
                              short replicationFactor, Map<String, String> topicConfigs) {
        Map<String, Object> props = kafka.clientProperties();
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> absent = topics.stream().filter(t -> !existing.contains(t)).toList();
            // The cluster is asked only when its answer is used.
            short factor = replicationFactor == Replication.AUTO && !absent.isEmpty()
                    ? Replication.factor(replicationFactor, brokers(admin)) : replicationFactor;
            Map<String, String> configs = new HashMap<>(Replication.topicConfigs(factor));
            configs.putAll(topicConfigs);
            List<NewTopic> missing = absent.stream()
                    .map(t -> new NewTopic(t, partitions, factor).configs(configs))
                    .toList();
            for (var created : admin.createTopics(missing).values().values()) {
                try {
                    created.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            awaitLeaders(admin, topics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka topics", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create Kafka topics on " + setting + "=" + kafka, e);
        }
    }

    private static int brokers(Admin admin) throws Exception {
        return admin.describeCluster(new DescribeClusterOptions().includeFencedBrokers(true)).nodes()
                .get(30, TimeUnit.SECONDS).size();
    }

    /**
     * A topic is created before its partitions can take writes: the controller names a leader first, and the leader
     * broker creates the partition's log a moment later. An idempotent producer whose first batch meets
     * NOT_LEADER_OR_FOLLOWER in that moment can get stuck retrying OUT_OF_ORDER_SEQUENCE (seen with Kafka 4.1 on a
     * fresh broker), so nothing is produced until every partition has a leader that holds its log.
     */
    private static void awaitLeaders(Admin admin, Collection<String> topics) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!ready(admin, topics)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("partitions of " + topics + " are not ready after 30 s");
            }
            Thread.sleep(50);
        }
    }

    private static boolean ready(Admin admin, Collection<String> topics) throws Exception {
        Map<TopicPartition, Integer> leaders = new HashMap<>();
        try {
            admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((topic, d) ->
                    d.partitions().forEach(p -> leaders.put(new TopicPartition(topic, p.partition()),
                            p.leader() == null || p.leader().isEmpty() ? null : p.leader().id())));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false; // created, but not yet in the metadata this broker serves
            }
            throw e;
        }
        if (leaders.containsValue(null)) {
            return false;
        }
        Map<Integer, Map<String, LogDirDescription>> dirs = admin.describeLogDirs(new HashSet<>(leaders.values()))
                .allDescriptions().get(30, TimeUnit.SECONDS);
        for (Map.Entry<TopicPartition, Integer> e : leaders.entrySet()) {
            boolean hasLog = dirs.getOrDefault(e.getValue(), Map.of()).values().stream()
                    .anyMatch(dir -> dir.replicaInfos().containsKey(e.getKey()));
            if (!hasLog) {
                return false;
            }
        }
        return true;
    }
}
