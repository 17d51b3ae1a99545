package io.anju.gateway.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;
import io.anju.common.model.Channel;
import io.anju.common.model.Device;
import io.anju.gateway.ingest.InboundMessage;
import io.anju.gateway.testing.TestDevices;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RecordFactoryTest {
    private static final long NOW = 1_764_378_000_000L;
    private final RecordFactory records = new RecordFactory("gw-1", 300_000, 16_384);
    private final Device charger = TestDevices.registry().device(TestDevices.CHARGER).orElseThrow();

    @Test
    void envelope_whenPayloadIsPlainAscii_thenEmbeddedByteForByte() throws Exception {
        String payload = "{\"ts\":1764378000000, \"seq\":7,\"mainsV\":228.40,\"smoke\":false}";
        JsonNode envelope = Json.tree(envelope(payload));
        assertThat(new String(envelope(payload), StandardCharsets.UTF_8)).contains("\"payload\":" + payload + "}");
        assertThat(envelope.get("payload")).isEqualTo(Json.tree(payload.getBytes(StandardCharsets.UTF_8)));
        assertThat(envelope.get("deviceId").asText()).isEqualTo(TestDevices.CHARGER);
        assertThat(envelope.get("ts").asLong()).isEqualTo(1_764_378_000_000L);
        assertThat(envelope.get("seq").asLong()).isEqualTo(7);
    }

    @Test
    void envelope_whenPayloadHasNonAsciiText_thenSameContentReserialised() throws Exception {
        String payload = "\uFEFF{\"ts\":1764378000000,\"seq\":8,\"note\":\"\u6d77\u6e56\"}";
        JsonNode envelope = Json.tree(envelope(payload));
        assertThat(envelope.get("payload").get("note").asText()).isEqualTo("\u6d77\u6e56");
        assertThat(envelope.get("payload").get("seq").asLong()).isEqualTo(8);
    }

    private byte[] envelope(String payload) throws Exception {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        InboundMessage m = new InboundMessage(charger, Channel.TELEMETRY, null, bytes, NOW, 1);
        return records.envelope(m, Json.tree(bytes));
    }
}
