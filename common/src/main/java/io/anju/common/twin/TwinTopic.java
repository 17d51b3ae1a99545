package io.anju.common.twin;

import io.anju.common.json.Json;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.TopicAdmin;
import io.anju.common.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The compacted topic {@link Topics#TWIN}: key the device id, value a {@link DeviceTwin} as JSON, or no value (a
 * tombstone) once the device left the registry. Compaction keeps each device's latest record, so reading the topic from
 * the beginning to its end ({@link #read}) gives every device's last known state. Segments roll at 64 MiB (instead of
 * Kafka's 1 GiB), so the part not yet compacted, which such a reader reads too, stays small while twins are written
 * every second.
 */
public final class TwinTopic {
    private static final Logger LOG = LoggerFactory.getLogger(TwinTopic.class);
    /** Partitions, as the gateway's streams have. */
    public static final int PARTITIONS = 6;
    static final int SEGMENT_BYTES = 64 << 20;

    private TwinTopic() {
    }

    /** Creates the topic when it is missing (an existing one keeps its configs). */
    public static void ensure(KafkaConnection kafka, String setting, short replicationFactor) {
        TopicAdmin.ensure(kafka, setting, List.of(Topics.TWIN), PARTITIONS, replicationFactor, Map.of(
                "cleanup.policy", "compact",
                "segment.bytes", String.valueOf(SEGMENT_BYTES)));
    }

    /**
     * Every device's latest twin: the topic read from its beginning to the end it had when this began (a record that
     * does not parse is skipped with a warning). Fails when that takes longer than {@code timeout}.
     */
    public static Map<String, DeviceTwin> read(KafkaConnection kafka, String clientId, Duration timeout) {
        Properties p = kafka.properties();
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        Map<String, DeviceTwin> twins = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(Topics.TWIN, timeout).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions, timeout);
            while (partitions.stream().anyMatch(tp -> c.position(tp, timeout) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot read " + Topics.TWIN + " to its end within "
                            + timeout.toSeconds() + " s (kafka.bootstrap " + kafka.bootstrapServers() + ")");
                }
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) {
                        twins.remove(r.key());
                    } else {
                        keep(twins, r);
                    }
                }
            }
        }
        return twins;
    }

    private static void keep(Map<String, DeviceTwin> twins, ConsumerRecord<String, byte[]> r) {
        try {
            twins.put(r.key(), Json.fromBytes(r.value(), DeviceTwin.class));
        } catch (RuntimeException e) {
            LOG.warn("skipped an unreadable twin {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }
}
