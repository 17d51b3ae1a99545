package io.anju.common.twin;

import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.TopicAdmin;
import io.anju.common.topic.Topics;

import java.util.List;
import java.util.Map;

/**
 * The compacted topic {@link Topics#TWIN}: key the device id, value a {@link DeviceTwin} as JSON, or no value (a
 * tombstone) once the device left the registry. Compaction keeps each device's latest record, so reading the topic from
 * the beginning to its end gives every device's last known state. Segments roll at 64 MiB (instead of Kafka's 1 GiB),
 * so the part not yet compacted, which a reader at start reads too, stays small while twins are written every second.
 */
public final class TwinTopic {
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
}
