package io.anju.gateway.validate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.anju.common.json.Json;
import io.anju.common.model.Channel;
import io.anju.common.model.DeviceType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks a device payload against device-protocol.md for its device type and channel. JSON payloads must be a
 * UTF-8 object within {@code maxJsonBytes} carrying integral {@code ts} (Unix ms) and {@code seq} (0..2^31-1),
 * plus the channel's own fields, and no number beyond double range anywhere; unknown extra fields are kept.
 * Snapshots must be a JPEG within {@code maxSnapshotBytes} under a valid snapshot id. Thread-safe.
 */
public final class PayloadValidator {
    /** Device time may not be negative; the upper bound (year 2100) catches seconds-vs-microseconds mix-ups. */
    static final long MAX_TS = 4_102_444_800_000L;
    static final long MAX_SEQ = (1L << 31) - 1;

    private final int maxJsonBytes;
    private final int maxSnapshotBytes;
    private final ObjectReader reader = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** The limits are {@code payload.maxBytes} and {@code snapshot.maxBytes}, checked against their bounds at start. */
    public PayloadValidator(int maxJsonBytes, int maxSnapshotBytes) {
        this.maxJsonBytes = maxJsonBytes;
        this.maxSnapshotBytes = maxSnapshotBytes;
    }

    /** Validates a payload; {@code snapshotId} is only used for the snapshot channel. */
    public Validation validate(DeviceType type, Channel channel, String snapshotId, byte[] payload) {
        try {
            if (channel == Channel.SNAPSHOT) {
                SnapshotCheck.check(snapshotId, payload, maxSnapshotBytes);
                return new Validation.Valid(null);
            }
            if (!channel.isUplink()) {
                throw new InvalidPayload("bad_channel", channel.wireName() + " is gateway-to-device");
            }
            JsonNode json = parse(payload);
            Fields.finiteNumbers(json, "");
            integer(json, "ts", MAX_TS);
            if (channel != Channel.COMMAND_REPLY || Fields.present(json, "seq")) {
                integer(json, "seq", MAX_SEQ);
            }
            PayloadRules.forMessage(type, channel).accept(json);
            return new Validation.Valid(json);
        } catch (InvalidPayload e) {
            return new Validation.Invalid(e.getMessage());
        }
    }

    private JsonNode parse(byte[] payload) {
        if (payload.length > maxJsonBytes) {
            throw new InvalidPayload("too_large", payload.length + " bytes > " + maxJsonBytes);
        }
        try {
            if (!PlainText.isPrintableAscii(payload)) { // plain ASCII is valid UTF-8: no need to decode
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(payload));
            }
        } catch (CharacterCodingException e) {
            throw new InvalidPayload("not_utf8", "payload is not valid UTF-8");
        }
        JsonNode json;
        try {
            json = reader.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new InvalidPayload("not_json", Fields.abbreviate(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidPayload("not_json", "unreadable payload");
        }
        if (json == null || json.isMissingNode()) {
            throw new InvalidPayload("not_json", "empty payload");
        }
        if (!json.isObject()) {
            throw new InvalidPayload("not_object", "payload must be a JSON object");
        }
        return json;
    }

    private static void integer(JsonNode json, String field, long max) {
        Fields.integer(json, field, "", 0, max);
    }
}
