package io.anju.cases.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.cases.json.CasesJson;
import io.anju.common.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class QuarantineWriterTest {
    private static final DecodedAlert.Invalid WHY = new DecodedAlert.Invalid("malformed_json", "not JSON: eof");

    private static ConsumerRecord<byte[], byte[]> record(byte[] key, byte[] value) {
        return new ConsumerRecord<>(Topics.ALERTS, 2, 41L, key, value);
    }

    private static JsonNode value(ProducerRecord<byte[], byte[]> out) throws Exception {
        return CasesJson.mapper().readTree(out.value());
    }

    @Test
    void aTextPayloadIsKeptAsTextWithItsReasonOriginAndKey() throws Exception {
        byte[] key = "port_overload:chg-1#3".getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> out = QuarantineWriter.record(record(key,
                "{\"id\": ".getBytes(StandardCharsets.UTF_8)), WHY.code(), WHY.reason(), 1_780_000_000_000L);

        JsonNode v = value(out);
        assertThat(out.topic()).isEqualTo(Topics.QUARANTINE);
        assertThat(out.key()).isEqualTo(key);
        assertThat(new String(out.headers().lastHeader(QuarantineWriter.REASON_HEADER).value(), StandardCharsets.UTF_8))
                .isEqualTo("not JSON: eof");
        assertThat(v.path("source").asText()).isEqualTo("cases-intake");
        assertThat(v.path("topic").asText()).isEqualTo(Topics.ALERTS);
        assertThat(v.path("partition").asInt()).isEqualTo(2);
        assertThat(v.path("offset").asLong()).isEqualTo(41);
        assertThat(v.path("key").asText()).isEqualTo("port_overload:chg-1#3");
        assertThat(v.path("code").asText()).isEqualTo("malformed_json");
        assertThat(v.path("reason").asText()).isEqualTo("not JSON: eof");
        assertThat(v.path("receivedAt").asLong()).isEqualTo(1_780_000_000_000L);
        assertThat(v.path("size").asInt()).isEqualTo(7);
        assertThat(v.path("truncated").asBoolean()).isFalse();
        assertThat(v.path("payloadText").asText()).isEqualTo("{\"id\": ");
        assertThat(v.has("payloadBase64")).isFalse();
    }

    @Test
    void binaryPayloadTravelsAsBase64() throws Exception {
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 1};

        JsonNode v = value(QuarantineWriter.record(record(null, binary), WHY.code(), WHY.reason(), 1L));

        assertThat(v.has("payloadText")).isFalse();
        assertThat(v.has("key")).isFalse();
        assertThat(Base64.getDecoder().decode(v.path("payloadBase64").asText())).isEqualTo(binary);
    }

    @Test
    void aLargePayloadIsCutToTheBoundAndSaysSo() throws Exception {
        byte[] big = new byte[QuarantineWriter.PAYLOAD_MAX + 100];
        Arrays.fill(big, (byte) 'x');

        JsonNode v = value(QuarantineWriter.record(record(null, big), WHY.code(), WHY.reason(), 1L));

        assertThat(v.path("size").asInt()).isEqualTo(QuarantineWriter.PAYLOAD_MAX + 100);
        assertThat(v.path("truncated").asBoolean()).isTrue();
        assertThat(v.path("payloadText").asText()).hasSize(QuarantineWriter.PAYLOAD_MAX);
    }

    @Test
    void aReasonQuotingAControlCharacterIsWrittenPrintable() {
        assertThat(QuarantineWriter.printable("command cmd-\u0000\u001b[31m refused"))
                .isEqualTo("command cmd-\\u0000\\u001b[31m refused");
    }
}
