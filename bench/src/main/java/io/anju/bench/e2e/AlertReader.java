package io.anju.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code anju.alerts} from its end (as of {@link #start()}) on a thread of its own and hands every record to
 * the {@link ProbeLedger} with the time it was read: the measuring JVM's view of "publish → alert record".
 */
final class AlertReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertReader.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ProbeLedger ledger;
    private Thread thread;
    private volatile boolean closing;

    AlertReader(KafkaConnection kafka, ProbeLedger ledger) {
        this.ledger = ledger;
        Map<String, Object> props = kafka.clientProperties();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "anju-bench-e2e-alerts");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumer = new KafkaConsumer<>(props);
    }

    /** Positions at the topic's end now (records written from here on are read), then reads on its own thread. */
    void start() {
        List<TopicPartition> parts = new ArrayList<>();
        consumer.partitionsFor(Topics.ALERTS, Duration.ofSeconds(30))
                .forEach(p -> parts.add(new TopicPartition(p.topic(), p.partition())));
        if (parts.isEmpty()) {
            throw new IllegalStateException("no partitions of " + Topics.ALERTS);
        }
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position);
        thread = new Thread(this::run, "bench-alert-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (!closing) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    long readAt = System.currentTimeMillis();
                    try {
                        ledger.alert(parse(Json.tree(r.value())), readAt);
                    } catch (IOException | RuntimeException e) {
                        LOG.warn("unreadable alert record {}@{}: {}", r.partition(), r.offset(), e.toString());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.warn("reading {} failed: {}", Topics.ALERTS, e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** The fields of an alert record (docs/kafka-topics.md) the ledger matches on. */
    static ProbeLedger.AlertRecord parse(JsonNode a) {
        List<ProbeLedger.Cited> evidence = new ArrayList<>();
        for (JsonNode e : a.path("evidence")) {
            evidence.add(new ProbeLedger.Cited(text(e.path("deviceId")), integer(e.path("port")),
                    e.path("ts").asLong(Long.MIN_VALUE)));
        }
        return new ProbeLedger.AlertRecord(a.path("id").asText(), a.path("revision").asInt(),
                a.path("type").asText(), a.path("status").asText(), text(a.path("deviceId")), integer(a.path("port")),
                a.path("lastEventTs").asLong(Long.MIN_VALUE), a.path("emittedAt").asLong(), evidence);
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.asText() : null;
    }

    private static Integer integer(JsonNode n) {
        return n.isIntegralNumber() ? n.asInt() : null;
    }

    @Override
    public void close() {
        closing = true;
        if (thread == null) {
            consumer.close(Duration.ofSeconds(5));
            return;
        }
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
