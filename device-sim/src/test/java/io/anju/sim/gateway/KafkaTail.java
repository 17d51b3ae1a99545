package io.anju.sim.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;
import io.anju.common.topic.KafkaConnection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Reads topics from their beginning with an unassigned consumer (no group) and keeps every record, parsed as JSON.
 * Used from the test thread only: {@link #poll()} catches up with what arrived so far, {@link #readToEnd()} until
 * the end offsets of the moment.
 */
final class KafkaTail implements AutoCloseable {

    /** One record: topic, key and the JSON value. */
    record Rec(String topic, String key, JsonNode value) {
        String deviceId() {
            return value.path("deviceId").asText();
        }

        String channel() {
            return value.path("channel").asText();
        }

        JsonNode payload() {
            return value.path("payload");
        }

        /** The device's seq; envelopes leave out fields at their default, so a missing seq is 0. */
        long seq() {
            return value.path("seq").asLong(0);
        }
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final List<Rec> records = new ArrayList<>();

    KafkaTail(KafkaConnection kafka, String... topics) {
        Map<String, Object> props = kafka.clientProperties();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumer = new KafkaConsumer<>(props);
        for (String topic : Arrays.asList(topics)) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Takes what has arrived (one short poll) and returns every record read so far. */
    List<Rec> poll() {
        consumer.poll(Duration.ofMillis(100)).forEach(this::keep);
        return List.copyOf(records);
    }

    /** Reads up to the end offsets as of now and returns every record read so far. */
    List<Rec> readToEnd() {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("could not read " + partitions + " to their end within 30 s");
            }
            consumer.poll(Duration.ofMillis(100)).forEach(this::keep);
        }
        return List.copyOf(records);
    }

    List<Rec> on(String topic) {
        return records.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    List<Rec> matching(Predicate<Rec> predicate) {
        return records.stream().filter(predicate).toList();
    }

    private void keep(ConsumerRecord<String, String> r) {
        try {
            records.add(new Rec(r.topic(), r.key(), Json.mapper().readTree(r.value())));
        } catch (IOException e) {
            throw new AssertionError("record on " + r.topic() + " is not JSON: " + r.value(), e);
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
