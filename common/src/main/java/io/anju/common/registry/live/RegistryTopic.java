package io.anju.common.registry.live;

import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.TopicAdmin;
import io.anju.common.topic.Topics;

import java.util.List;
import java.util.Map;

/**
 * The compacted topic {@link Topics#REGISTRY}: one partition, one key, so the log keeps the latest revision and every
 * follower reads revisions in order. A record holds the whole registry, zstd-compressed (a district of 10,000 devices
 * is about 6 MB of JSON, under 1 MB compressed); the limits below leave room for ten times that.
 */
public final class RegistryTopic {
    /** The one key: compaction keeps the latest revision. */
    public static final String KEY = "registry";
    /** The largest registry record, compressed (topic {@code max.message.bytes}, producer and fetch sizes). */
    static final int MAX_RECORD_BYTES = 64 << 20;

    private RegistryTopic() {
    }

    /** Creates the topic when it is missing (an existing one keeps its configs). */
    public static void ensure(KafkaConnection kafka, String setting, short replicationFactor) {
        TopicAdmin.ensure(kafka, setting, List.of(Topics.REGISTRY), 1, replicationFactor, Map.of(
                "cleanup.policy", "compact",
                "max.message.bytes", String.valueOf(MAX_RECORD_BYTES)));
    }
}
