package io.anju.cases.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.anju.cases.json.CasesJson;
import io.anju.common.command.DeviceCommand;
import io.anju.common.topic.KafkaConnection;
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
import java.util.concurrent.TimeUnit;

/**
 * Puts people's commands on {@code anju.commands}, keyed by device id (so one charger's commands stay in order), with
 * an idempotent producer and {@code acks=all}: a command counts as sent only once every in-sync replica has it.
 */
public final class CommandPublisher implements AutoCloseable {
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);

    private final Vertx vertx;
    private final KafkaProducer<byte[], byte[]> producer;

    public CommandPublisher(Vertx vertx, KafkaConnection kafka) {
        this.vertx = vertx;
        Map<String, Object> p = kafka.clientProperties();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "anju-cases-commands-out");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(p);
    }

    /** Completes once Kafka acknowledged the command (off the event loop: a send may wait for metadata). */
    public Future<Void> publish(DeviceCommand command) {
        byte[] value;
        try {
            value = CasesJson.mapper().writeValueAsBytes(command);
        } catch (JsonProcessingException e) {
            return Future.failedFuture(new IllegalStateException("cannot write command " + command.id(), e));
        }
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.COMMANDS,
                command.deviceId().getBytes(StandardCharsets.UTF_8), value);
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
