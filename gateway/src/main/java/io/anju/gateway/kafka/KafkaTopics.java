package io.anju.gateway.kafka;

import io.anju.common.model.DeviceType;
import io.anju.common.topic.TopicAdmin;
import io.anju.common.topic.Topics;

import java.util.ArrayList;
import java.util.List;

/** Creates the gateway's topics when missing, so no send ever waits on topic auto-creation. */
public final class KafkaTopics {
    private KafkaTopics() {
    }

    /** Every topic the gateway writes or reads. */
    public static List<String> gatewayTopics() {
        List<String> topics = new ArrayList<>();
        for (DeviceType type : DeviceType.values()) {
            topics.add(Topics.telemetry(type));
        }
        topics.addAll(List.of(Topics.EVENTS, Topics.STATUS, Topics.SNAPSHOTS, Topics.QUARANTINE, Topics.COMMANDS, Topics.COMMAND_RESULTS,
                Topics.DIAGNOSTICS));
        return topics;
    }

    /** Creates the missing ones, with their retention; fails naming the broker when it cannot be reached within 30 s. */
    public static void ensure(DownstreamSettings settings) {
        TopicAdmin.ensure(settings.kafka(), "kafka.bootstrap", gatewayTopics(), settings.topicPartitions(),
                settings.replicationFactor(), settings.topicRetention());
    }
}
