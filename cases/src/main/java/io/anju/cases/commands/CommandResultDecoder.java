package io.anju.cases.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.cases.json.CasesJson;

import java.io.IOException;

/**
 * Reads one value of {@code anju.command-results}: a delivery report, a confirmation, or a device's
 * {@code command/reply} envelope. Anything else on the topic is not about a command's outcome and is skipped.
 */
final class CommandResultDecoder {

    /** What a record is. */
    sealed interface Decoded {
    }

    /** An outcome; {@code alertId} is null for a reply and for a command that named no alert. */
    record Outcome(CommandOutcome outcome) implements Decoded {
    }

    /** Not an outcome this service files (another channel's envelope). */
    record Skipped(String why) implements Decoded {
    }

    /** Not readable as what it claims to be. */
    record Unreadable(String why) implements Decoded {
    }

    Decoded decode(String key, byte[] value) {
        JsonNode n;
        try {
            n = value == null || value.length == 0 ? null : CasesJson.mapper().readTree(value);
        } catch (IOException e) {
            return new Unreadable("not_json");
        }
        if (n == null || !n.isObject()) {
            return new Unreadable("not_object");
        }
        if (n.has("channel")) {
            return "command/reply".equals(n.path("channel").asText()) ? reply(key, n)
                    : new Skipped("channel " + n.path("channel").asText());
        }
        String kind = n.path("kind").asText("");
        if (!kind.equals(CommandOutcome.DELIVERY) && !kind.equals(CommandOutcome.CONFIRMATION)) {
            return new Unreadable("bad_kind: " + kind);
        }
        String commandId = text(n, "commandId");
        String outcome = text(n, "outcome");
        if (commandId == null || outcome == null) {
            return new Unreadable("missing_field: " + (commandId == null ? "commandId" : "outcome"));
        }
        boolean confirmation = kind.equals(CommandOutcome.CONFIRMATION);
        if (confirmation && !n.path("attempt").canConvertToInt()) {
            return new Unreadable("missing_field: attempt");
        }
        return new Outcome(new CommandOutcome(kind, commandId, text(n, "alertId"), outcome,
                confirmation ? Math.max(1, n.path("attempt").asInt()) : 0,
                text(n, "deviceId") == null ? key : text(n, "deviceId"),
                confirmation ? "stop_port" : text(n, "action"),
                n.path("port").isIntegralNumber() ? n.get("port").intValue() : null,
                text(n, "detail"),
                n.path("powerW").isNumber() ? n.get("powerW").doubleValue() : null,
                text(n, "gateway"), n.path("at").asLong(),
                confirmation && n.path("caseId").canConvertToLong() && n.path("caseId").asLong() > 0
                        ? n.get("caseId").asLong() : null));
    }

    private static Decoded reply(String key, JsonNode envelope) {
        JsonNode p = envelope.path("payload");
        String commandId = text(p, "id");
        String result = text(p, "result");
        if (commandId == null || result == null) {
            return new Unreadable("missing_field: payload." + (commandId == null ? "id" : "result"));
        }
        String deviceId = text(envelope, "deviceId");
        return new Outcome(new CommandOutcome(CommandOutcome.REPLY, commandId, null, result, 0,
                deviceId == null ? key : deviceId, null, null,
                text(p, "detail"), null,
                text(envelope, "gateway"), envelope.path("ts").asLong(), null));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() && !v.textValue().isEmpty() ? v.textValue() : null;
    }
}
