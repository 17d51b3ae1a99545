package io.anju.platform.browser;

import io.anju.common.topic.KafkaConnection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A failing test's evidence: what one device's records on a topic say, read from the beginning. */
final class CommandTrail {
    private static final Duration READ_FOR = Duration.ofSeconds(5);

    private CommandTrail() {
    }

    static List<String> of(KafkaConnection kafka, String topic, String deviceId) {
        List<String> lines = new ArrayList<>();
        Map<String, Object> props = kafka.clientProperties();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long until = System.nanoTime() + READ_FOR.toNanos();
            while (System.nanoTime() < until && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (deviceId.equals(r.key())) {
                        lines.add(topic + "-" + r.partition() + "@" + r.offset() + " " + Instant.ofEpochMilli(r.timestamp())
                                + " " + r.value());
                    }
                }
            }
        } catch (RuntimeException e) {
            lines.add("(" + topic + " could not be read: " + e + ")");
        }
        return lines;
    }
}
