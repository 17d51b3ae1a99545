package io.anju.conformance.watch;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;
import io.anju.common.model.Channel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A payload of the device the gateway quarantined ({@code anju.quarantine}).
 *
 * @param reason      the rule broken, starting with its stable code ({@code bad_value: …})
 * @param payloadText the payload as kept, when it was UTF-8 (else null)
 */
public record Rejected(long receivedAt, Channel channel, String reason, String payloadText) {

    /** The stable code the reason starts with. */
    public String code() {
        int colon = reason == null ? -1 : reason.indexOf(':');
        return reason == null ? "" : colon < 0 ? reason : reason.substring(0, colon);
    }

    /** A reply whose command id the gateway never sent to this device. */
    public boolean isUnknownReply() {
        return code().equals("reply_to_unknown_command") || code().equals("reply_unverifiable");
    }

    /** The {@code seq} the rejected payload carried, if it was a JSON object with one. */
    public Long seq() {
        if (payloadText == null) {
            return null;
        }
        try {
            JsonNode n = Json.tree(payloadText.getBytes(StandardCharsets.UTF_8)).get("seq");
            return n != null && n.canConvertToLong() ? n.longValue() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
