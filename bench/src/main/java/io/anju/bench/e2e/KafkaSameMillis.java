package io.anju.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;
import io.anju.common.topic.KafkaConnection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Counts a run's records of some devices (the load's), and those that repeat their device's previous event time to
 * the millisecond. InfluxDB identifies a point by measurement, tags and timestamp, so such a record overwrites the
 * point of the one before it (the history job's idempotence on replay): the points to expect are the records minus
 * these. One device's records are in one partition in order, and its ts only grows, so a repeat is always of the
 * record just before it.
 */
final class KafkaSameMillis {
    private KafkaSameMillis() {
    }

    /** What was read: the records of the devices asked for, and those of them repeating a (device, ts). */
    record Counts(long ofDevices, long repeats) {
    }

    /** Reads the topic from the given start offsets to its end, counting the devices {@code devices} accepts. */
    static Counts count(KafkaConnection kafka, String topic, Map<TopicPartition, Long> from, Predicate<String> devices)
            throws IOException {
        Map<String, Object> props = kafka.clientProperties();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        Map<String, Long> lastTs = new HashMap<>();
        long ofDevices = 0;
        long repeats = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> parts = List.copyOf(from.keySet());
            consumer.assign(parts);
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            while (parts.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue;
                    }
                    JsonNode e = Json.tree(r.value());
                    String device = e.path("deviceId").asText();
                    if (!devices.test(device)) {
                        continue;
                    }
                    ofDevices++;
                    Long before = lastTs.put(device, e.path("ts").asLong());
                    if (before != null && before == e.path("ts").asLong()) {
                        repeats++;
                    }
                }
            }
        }
        return new Counts(ofDevices, repeats);
    }
}
