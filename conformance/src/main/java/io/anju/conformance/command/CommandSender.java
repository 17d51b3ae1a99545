package io.anju.conformance.command;

import io.anju.common.command.DeviceCommand;
import io.anju.common.json.Json;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Writes the kit's commands to {@code anju.commands}, as the case service and the stream jobs do. */
public final class CommandSender implements AutoCloseable {
    /** As long as the contract allows for a reply: a command held for an offline device waits that long. */
    static final long TTL_MS = Duration.ofMinutes(10).toMillis();

    private final KafkaProducer<byte[], byte[]> producer;

    public CommandSender(KafkaConnection kafka) {
        Map<String, Object> p = kafka.clientProperties();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "anju-conformance-commands");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(p);
    }

    /** Sends one command (wall-clock {@code ts}, as the platform's services stamp it); returns its id. */
    public String send(String deviceId, PlannedCommand c) throws InterruptedException {
        DeviceCommand command = new DeviceCommand(deviceId, UUID.randomUUID().toString(), System.currentTimeMillis(),
                c.action(), c.port(), c.limitW(), "conformance kit", null, null, TTL_MS);
        try {
            producer.send(new ProducerRecord<>(Topics.COMMANDS, deviceId.getBytes(StandardCharsets.UTF_8),
                    Json.toBytes(command))).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write a command to " + Topics.COMMANDS + ": " + e.getMessage(), e);
        }
        return command.id();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
