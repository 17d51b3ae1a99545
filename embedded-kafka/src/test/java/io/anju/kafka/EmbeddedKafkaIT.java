package io.anju.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedKafkaIT {
    private static final String TOPIC = "it.embedded";

    @TempDir
    Path dataDir;

    @Test
    void producedRecordIsConsumedAndSurvivesRestartOnTheSameData() throws Exception {
        int port;
        try (EmbeddedKafka kafka = new EmbeddedKafka(dataDir, 0).start()) {
            port = kafka.port();
            assertThat(port).isPositive();
            assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            kafka.createTopics(Map.of(TOPIC, 2));
            send(kafka.bootstrapServers(), "first");
            assertThat(readAll(kafka.bootstrapServers())).containsExactly("first");

            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            kafka.start();
            assertThat(kafka.port()).isEqualTo(port);
            send(kafka.bootstrapServers(), "second");
            assertThat(readAll(kafka.bootstrapServers())).containsExactly("first", "second");
        }

        // A new instance on the same directory (the next run of the program) continues from the data.
        try (EmbeddedKafka again = new EmbeddedKafka(dataDir, 0).start()) {
            again.createTopics(Map.of(TOPIC, 2));
            assertThat(readAll(again.bootstrapServers())).containsExactly("first", "second");
        }
    }

    private static void send(String bootstrap, String value) throws Exception {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            // One key, so both records land in one partition and keep their order.
            producer.send(new ProducerRecord<>(TOPIC, "device-1", value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> readAll(String bootstrap) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
            return values;
        }
    }
}
