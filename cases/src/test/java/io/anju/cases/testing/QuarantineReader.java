package io.anju.cases.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.cases.json.CasesJson;
import io.anju.common.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** Reads what the case service's intakes put on {@code anju.quarantine}. */
public final class QuarantineReader {

    private QuarantineReader() {
    }

    /** The quarantine records that came from {@code topic}, waiting up to {@code within} until there are {@code expected}. */
    public static List<ConsumerRecord<byte[], byte[]>> from(String bootstrap, String topic, int expected,
                                                            Duration within) {
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            TopicPartition tp = new TopicPartition(Topics.QUARANTINE, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            await().atMost(within).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (json(r).path("topic").asText().equals(topic)) {
                        found.add(r);
                    }
                }
                return found.size() >= expected;
            });
        }
        return found;
    }

    /** The quarantine record's value. */
    public static JsonNode json(ConsumerRecord<byte[], byte[]> r) {
        try {
            return CasesJson.mapper().readTree(r.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
