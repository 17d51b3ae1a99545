package io.anju.cases.intake;

import io.anju.common.json.Json;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.QuarantineRecord;
import io.anju.common.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes the records an intake of the case service refuses to {@code anju.quarantine}, each with its code and reason,
 * and waits for Kafka's acknowledgement: an intake moves past a record only once its quarantine record is safe.
 */
public final class QuarantineWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QuarantineWriter.class);
    /** Who quarantined it, in the record's {@code source}. */
    static final String SOURCE = "cases-intake";
    /** The reason travels as a header too, so a reader can filter without parsing the value. */
    static final String REASON_HEADER = "reason";
    /** Kept payload bytes: enough to see what went wrong, small enough for the topic's record limit. */
    static final int PAYLOAD_MAX = 64 * 1024;

    private final KafkaProducer<byte[], byte[]> producer;
    private final Duration timeout;

    /** @param timeout longest wait for one write before it counts as failed */
    public QuarantineWriter(KafkaConnection kafka, String clientId, Duration timeout) {
        this.timeout = timeout;
        Properties p = kafka.properties();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(p);
    }

    /**
     * Quarantines {@code bad}; null once Kafka has it, else why it could not be written (the caller holds the record
     * and tries again).
     */
    public String write(ConsumerRecord<byte[], byte[]> bad, String code, String reason) throws InterruptedException {
        reason = printable(reason);
        try {
            producer.send(record(bad, code, reason, System.currentTimeMillis()))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return "cannot write to the quarantine topic: " + e.getCause();
        } catch (TimeoutException e) {
            return "cannot write to the quarantine topic within " + timeout.toSeconds() + " s";
        }
        LOG.warn("{} record {}-{}@{} quarantined: {}", code, bad.topic(), bad.partition(), bad.offset(), reason);
        return null;
    }

    /**
     * The reason with its control characters written as {@code \\uXXXX}: it quotes what the record carried (a NUL in
     * an id), and a NUL or an escape sequence in a log line or a header makes tools treat the whole log as binary.
     */
    static String printable(String reason) {
        StringBuilder out = new StringBuilder(reason.length());
        reason.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    static ProducerRecord<byte[], byte[]> record(ConsumerRecord<byte[], byte[]> bad, String code, String reason,
                                                 long receivedAt) {
        QuarantineRecord value = QuarantineRecord.ofRecord(SOURCE, bad.topic(), bad.partition(), bad.offset(),
                bad.key() == null ? null : QuarantineRecord.utf8OrNull(bad.key()), code, reason,
                receivedAt, QuarantineRecord.Payload.of(bad.value(), PAYLOAD_MAX, true));
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(Topics.QUARANTINE, bad.key(), Json.toBytes(value));
        out.headers().add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        return out;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
