package io.anju.cases.intake;

import io.anju.cases.json.CasesJson;
import io.anju.common.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/** Builds the {@code anju.quarantine} record for an alert record the intake refuses. */
final class Quarantine {
    /** The reason travels as a header too, so a reader can filter without parsing the value. */
    static final String REASON_HEADER = "reason";
    /** Kept payload bytes: enough to see what went wrong, small enough for the topic's record limit. */
    static final int PAYLOAD_MAX = 64 * 1024;

    private Quarantine() {
    }

    static ProducerRecord<byte[], byte[]> record(ConsumerRecord<byte[], byte[]> bad, DecodedAlert.Invalid why,
                                                 long receivedAt) {
        byte[] raw = bad.value() == null ? new byte[0] : bad.value();
        boolean truncated = raw.length > PAYLOAD_MAX;
        byte[] kept = truncated ? Arrays.copyOf(raw, PAYLOAD_MAX) : raw;
        String text = utf8OrNull(kept);
        QuarantinedAlert value = new QuarantinedAlert(QuarantinedAlert.SOURCE, bad.topic(), bad.partition(),
                bad.offset(), bad.key() == null ? null : utf8OrNull(bad.key()), why.code(), why.reason(), receivedAt,
                raw.length, truncated, text, text == null ? Base64.getEncoder().encodeToString(kept) : null);
        ProducerRecord<byte[], byte[]> out;
        try {
            out = new ProducerRecord<>(Topics.QUARANTINE, bad.key(), CasesJson.mapper().writeValueAsBytes(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a quarantine record", e);
        }
        out.headers().add(REASON_HEADER, why.reason().getBytes(StandardCharsets.UTF_8));
        return out;
    }

    private static String utf8OrNull(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
