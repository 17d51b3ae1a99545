package io.anju.bench.kafka;

import io.anju.kafka.EmbeddedKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class TopicTailIT {
    @TempDir
    Path dir;

    @Test
    void readsWhatIsWrittenAfterStart_onEveryTopic_pastAnUnreadableRecord() throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir, 0).start();
             KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            kafka.createTopics(Map.of("a", 2, "b", 1));
            producer.send(new ProducerRecord<>("a", bytes("before"))).get();
            List<String> read = new CopyOnWriteArrayList<>();
            try (TopicTail tail = new TopicTail(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                    "test-tail", List.of("a", "b"), (r, readAt) -> {
                        String v = new String(r.value(), StandardCharsets.UTF_8);
                        if (v.equals("unreadable")) {
                            throw new IOException("not a record of ours");
                        }
                        assertThat(readAt).isPositive();
                        read.add(r.topic() + ":" + v);
                    })) {
                tail.start();
                producer.send(new ProducerRecord<>("a", bytes("unreadable"))).get();
                producer.send(new ProducerRecord<>("a", bytes("one"))).get();
                producer.send(new ProducerRecord<>("b", bytes("two"))).get();
                await().atMost(Duration.ofSeconds(30)).until(() -> read.size() == 2);
                assertThat(read).containsExactlyInAnyOrder("a:one", "b:two");
            }
        }
    }

    @Test
    void aTopicWithNoPartitions_failsAtStart() throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir, 0, Map.of("auto.create.topics.enable", "false")).start();
             TopicTail tail = new TopicTail(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                     "test-tail", List.of("missing"), (r, readAt) -> { })) {
            assertThatThrownBy(tail::start).hasMessageContaining("no partitions of missing");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
