package io.anju.cases.intake;

import io.anju.common.json.Json;
import io.anju.common.topic.QuarantineRecord;
import io.anju.common.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/** Builds the {@code anju.quarantine} record for an alert record the intake refuses. */
final class Quarantine {
    /** Who quarantined it, in the record's {@code source}. */
    static final String SOURCE = "cases-intake";
    /** The reason travels as a header too, so a reader can filter without parsing the value. */
    static final String REASON_HEADER = "reason";
    /** Kept payload bytes: enough to see what went wrong, small enough for the topic's record limit. */
    static final int PAYLOAD_MAX = 64 * 1024;

    private Quarantine() {
    }

    static ProducerRecord<byte[], byte[]> record(ConsumerRecord<byte[], byte[]> bad, DecodedAlert.Invalid why,
                                                 long receivedAt) {
        QuarantineRecord value = QuarantineRecord.ofRecord(SOURCE, bad.topic(), bad.partition(), bad.offset(),
                bad.key() == null ? null : QuarantineRecord.utf8OrNull(bad.key()), why.code(), why.reason(),
                receivedAt, QuarantineRecord.Payload.of(bad.value(), PAYLOAD_MAX, true));
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(Topics.QUARANTINE, bad.key(), Json.toBytes(value));
        out.headers().add(REASON_HEADER, why.reason().getBytes(StandardCharsets.UTF_8));
        return out;
    }
}
