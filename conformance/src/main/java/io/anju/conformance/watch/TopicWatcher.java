package io.anju.conformance.watch;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.diagnostics.DiagnosticEvent;
import io.anju.common.json.Json;
import io.anju.common.model.Envelope;
import io.anju.common.model.DeviceType;
import io.anju.common.command.DeliveryReport;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.QuarantineRecord;
import io.anju.common.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads what the sandbox gateway wrote — the device topics, {@code anju.quarantine}, {@code anju.diagnostics} and
 * {@code anju.command-results} — from their beginning into the {@link ObservationLog}, on a thread of its own.
 */
public final class TopicWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicWatcher.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final ObservationLog log;
    private final Thread thread;
    private volatile boolean running = true;

    public TopicWatcher(KafkaConnection kafka, ObservationLog log) {
        Map<String, Object> p = kafka.clientProperties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "anju-conformance-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumer = new KafkaConsumer<>(p);
        this.log = log;
        this.thread = new Thread(this::run, "conformance-watch");
        thread.setDaemon(true);
    }

    public static List<String> topics() {
        List<String> topics = new ArrayList<>();
        for (DeviceType t : DeviceType.values()) {
            topics.add(Topics.telemetry(t));
        }
        topics.addAll(List.of(Topics.EVENTS, Topics.STATUS, Topics.SNAPSHOTS, Topics.QUARANTINE, Topics.DIAGNOSTICS,
                Topics.COMMAND_RESULTS));
        return topics;
    }

    public TopicWatcher start() {
        consumer.subscribe(topics());
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        take(r);
                    } catch (IOException | RuntimeException e) {
                        LOG.warn("unreadable record on {} (key {}): {}", r.topic(), r.key(), e.toString());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    void take(ConsumerRecord<String, byte[]> r) throws IOException {
        switch (r.topic()) {
            case Topics.QUARANTINE -> {
                QuarantineRecord q = Json.fromBytes(r.value(), QuarantineRecord.class);
                log.rejected(orKey(q.deviceId(), r), new Rejected(q.receivedAt(), q.channel(), q.reason(),
                        q.payloadText()));
            }
            case Topics.DIAGNOSTICS -> log.diagnostic(Json.fromBytes(r.value(), DiagnosticEvent.class));
            case Topics.COMMAND_RESULTS -> {
                JsonNode n = Json.tree(r.value());
                if (DeliveryReport.KIND.equals(n.path("kind").asText())) {
                    DeliveryReport d = Json.mapper().treeToValue(n, DeliveryReport.class);
                    log.delivery(orKey(d.deviceId(), r), new Delivery(d.commandId(), d.outcome(), d.at(), d.detail()));
                } else if (n.has("channel")) {
                    message(Json.fromBytesWithDefaults(r.value(), Envelope.class), r);
                }
            }
            default -> message(Json.fromBytesWithDefaults(r.value(), Envelope.class), r);
        }
    }

    private void message(Envelope e, ConsumerRecord<String, byte[]> r) {
        log.message(orKey(e.deviceId(), r), Message.of(e));
    }

    private static String orKey(String deviceId, ConsumerRecord<String, byte[]> r) {
        return deviceId != null ? deviceId : r.key();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
