package io.anju.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.command.DeviceCommand;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The records a stop leaves on Kafka, read from the topics' ends on a thread of its own: the alerts
 * ({@code anju.alerts}: when the alert that asks for an automatic stop was emitted), the commands
 * ({@code anju.commands}: when the alerting job issued its stop) and the confirmations by readings
 * ({@code anju.command-results}). Each carries its record's Kafka timestamp: the producer's clock (the alerting job's
 * or the case service's), this machine's.
 */
final class StopRecords implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StopRecords.class);

    /** One record a stop probe looks at. */
    sealed interface Seen permits AlertSeen, CommandSeen, ConfirmationSeen {
    }

    /** An alert revision. */
    record AlertSeen(String alertId, String type, String severity, String deviceId, long atMs) implements Seen {
    }

    /** A command for a charger: {@code caseId} names a person's (null for the job's own stops and retries). */
    record CommandSeen(String commandId, String action, String deviceId, int port, String alertId, Long caseId,
                       long atMs) implements Seen {
    }

    /**
     * The alerting job's {@code confirmation} of a stop (StopOutcome); the gateway's delivery reports are not.
     * {@code readingTs}: the device time of the reading that decided (the probe's clock, this machine's).
     */
    record ConfirmationSeen(String commandId, String alertId, String deviceId, int port, String outcome, Long caseId,
                            long readingTs, long atMs) implements Seen {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Consumer<Seen> listener;
    private Thread reader;

    StopRecords(KafkaConnection kafka, Consumer<Seen> listener) {
        Map<String, Object> props = kafka.clientProperties();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "anju-bench-e2e-stops");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(props);
        this.listener = listener;
    }

    /** Positions at the three topics' ends now, then reads on. */
    void start() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.ALERTS, Topics.COMMANDS, Topics.COMMAND_RESULTS)) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        reader = new Thread(this::read, "bench-stop-records");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        Seen seen = parse(r.topic(), r.key(), r.value(), r.timestamp());
                        if (seen != null) {
                            listener.accept(seen);
                        }
                    } catch (IOException | RuntimeException e) {
                        LOG.debug("stop records: unreadable {}@{}: {}", r.topic(), r.offset(), e.toString());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.warn("stop records: reading failed: {}", e.toString());
        }
    }

    /** A record of one of the three topics (formats in docs/kafka-topics.md), or null when it is none of the above. */
    static Seen parse(String topic, byte[] key, byte[] value, long timestampMs) throws IOException {
        if (value == null) {
            return null;
        }
        JsonNode n = Json.tree(value);
        return switch (topic) {
            case Topics.ALERTS -> new AlertSeen(n.path("id").asText(), n.path("type").asText(),
                    n.path("severity").asText(), text(n.path("deviceId")), timestampMs);
            case Topics.COMMANDS -> key == null ? null : commandSeen(Json.fromBytes(value, DeviceCommand.class),
                    new String(key, StandardCharsets.UTF_8), timestampMs);
            case Topics.COMMAND_RESULTS -> "confirmation".equals(n.path("kind").asText())
                    ? new ConfirmationSeen(n.path("commandId").asText(), text(n.path("alertId")),
                    n.path("deviceId").asText(), n.path("port").asInt(), n.path("outcome").asText(), caseId(n),
                    n.path("at").asLong(), timestampMs) : null;
            default -> null;
        };
    }

    private static CommandSeen commandSeen(DeviceCommand c, String deviceId, long timestampMs) {
        return new CommandSeen(c.id(), c.action(), deviceId, c.port() == null ? 0 : c.port(), c.alertId(), c.caseId(),
                timestampMs);
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.asText() : null;
    }

    private static Long caseId(JsonNode n) {
        return n.path("caseId").isIntegralNumber() ? n.path("caseId").asLong() : null;
    }

    @Override
    public void close() {
        if (reader == null) {
            consumer.close(Duration.ofSeconds(5));
            return;
        }
        consumer.wakeup();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(5));
    }
}
