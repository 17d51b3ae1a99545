package io.anju.gateway.kafka;

import io.anju.common.model.DeviceType;
import io.anju.common.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

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
        topics.addAll(List.of(Topics.EVENTS, Topics.STATUS, Topics.SNAPSHOTS, Topics.QUARANTINE, Topics.COMMANDS, Topics.COMMAND_RESULTS));
        return topics;
    }

    /** Creates the missing ones; fails naming the broker when it cannot be reached within 30 s. */
    public static void ensure(DownstreamSettings settings) {
        Map<String, Object> props = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = gatewayTopics().stream()
                    .filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, settings.topicPartitions(), settings.replicationFactor()))
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka topics", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create Kafka topics on kafka.bootstrap=" + settings.bootstrapServers(), e);
        }
    }
}
