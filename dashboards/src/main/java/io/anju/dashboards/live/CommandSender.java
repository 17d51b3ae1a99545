package io.anju.dashboards.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anju.common.json.Json;
import io.anju.common.topic.Topics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Puts operator commands on {@code anju.commands}, keyed by device id, with an idempotent producer and
 * {@code acks=all}: a command counts as sent only once every in-sync replica has it.
 */
final class CommandSender implements AutoCloseable {
    /** How long a stop stays deliverable: a device that is not back within a minute should not stop a port later. */
    static final long STOP_TTL_MS = 60_000;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);

    private final Vertx vertx;
    private final KafkaProducer<byte[], byte[]> producer;

    CommandSender(Vertx vertx, String bootstrap) {
        this.vertx = vertx;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) SEND_TIMEOUT.toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /** The {@code stop_port} command for a port, as the device protocol has it. */
    static ObjectNode stopPort(String commandId, long now, int port, String reason) {
        ObjectNode command = Json.mapper().createObjectNode();
        command.put("id", commandId);
        command.put("ts", now);
        command.put("action", "stop_port");
        command.put("port", port);
        command.put("reason", reason);
        command.put("ttlMs", STOP_TTL_MS);
        return command;
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    /** Completes once Kafka acknowledged the command (off the event loop: a send may wait for metadata). */
    Future<Void> send(String deviceId, ObjectNode command) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.COMMANDS,
                deviceId.getBytes(StandardCharsets.UTF_8), Json.toBytes(command));
        return vertx.executeBlocking(() -> {
            producer.send(record).get(SEND_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            return null;
        }, false);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
