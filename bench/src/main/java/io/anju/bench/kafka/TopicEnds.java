package io.anju.bench.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Prints how many records each named topic holds (the sum of its partitions' end offsets), one {@code topic count}
 * line each: the broker's own count, for benchmarks that check nothing acknowledged was lost.
 * Usage: {@code TopicEnds BOOTSTRAP TOPIC...}.
 */
public final class TopicEnds {
    private TopicEnds() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: TopicEnds BOOTSTRAP TOPIC...");
            System.exit(2);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            for (int i = 1; i < args.length; i++) {
                String topic = args[i];
                long count = 0;
                if (existing.contains(topic)) {
                    Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
                    admin.describeTopics(Set.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                            .forEach(p -> ask.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                    for (var info : admin.listOffsets(ask).all().get(30, TimeUnit.SECONDS).values()) {
                        count += info.offset();
                    }
                }
                System.out.println(topic + " " + count);
            }
        }
    }
}
