package io.anju.common.topic;

import java.time.Duration;
import java.util.Map;

/**
 * How long, and how much, a Kafka topic keeps: by time ({@code retention.ms}) and by size per partition
 * ({@code retention.bytes}); the first limit reached deletes the oldest segment. Time alone lets a burst, or a
 * district larger than the disk was sized for, fill the disk, and a broker whose log disk is full stops.
 *
 * @param time              {@code retention.ms}
 * @param bytesPerPartition {@code retention.bytes}: a partition holds at most this plus one segment
 */
public record TopicRetention(Duration time, long bytesPerPartition) {
    /** Seven days (Kafka's own default) and 512 MiB a partition. */
    public static final TopicRetention DEFAULT = new TopicRetention(Duration.ofDays(7), 512L << 20);

    public TopicRetention {
        if (time == null || time.toMillis() <= 0) {
            throw new IllegalArgumentException("retention time must be positive (was " + time + ")");
        }
        if (bytesPerPartition <= 0) {
            throw new IllegalArgumentException("retention bytes must be positive (was " + bytesPerPartition + ")");
        }
    }

    /** The topic configs of a topic created with this retention. */
    public Map<String, String> topicConfigs() {
        return Map.of("retention.ms", String.valueOf(time.toMillis()),
                "retention.bytes", String.valueOf(bytesPerPartition));
    }

    /** The broker defaults for every topic without its own retention (an embedded broker's internal and auto-created ones). */
    public Map<String, String> brokerDefaults() {
        return Map.of("log.retention.ms", String.valueOf(time.toMillis()),
                "log.retention.bytes", String.valueOf(bytesPerPartition));
    }
}
