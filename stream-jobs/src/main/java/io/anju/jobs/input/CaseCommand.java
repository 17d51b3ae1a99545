package io.anju.jobs.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A {@code stop_port} or {@code resume_port} a person sent for a case, as the case service writes it on
 * {@code anju.commands} (docs/kafka-topics.md): the alerting job reads it to watch a person's stop by the charger's
 * readings as it watches its own ({@code command.StopWatch}). A command is a person's when it names its case ({@code caseId});
 * the job's own stops and their retries name none.
 *
 * @param deviceId the charger (the record's key)
 * @param id       the command's id
 * @param ts       the case service's clock when it was sent, Unix ms (wall clock: not the devices' event time)
 * @param action   {@code stop_port} or {@code resume_port}
 * @param port     the port
 * @param alertId  the case's alert, null for a case reported by hand
 * @param caseId   the case it was sent for
 * @param ttlMs    how long the gateway holds it for an offline charger
 */
public record CaseCommand(String deviceId, String id, long ts, String action, int port, String alertId, long caseId,
                          long ttlMs) {
    public static final String STOP_PORT = "stop_port";
    public static final String RESUME_PORT = "resume_port";

    public boolean isStop() {
        return STOP_PORT.equals(action);
    }

    /**
     * The person's stop or resume in one record of {@code anju.commands}, or null for anything else: the job's own
     * stops (no {@code caseId}), other actions, or a value that is not a command.
     */
    public static CaseCommand decode(byte[] key, byte[] value) {
        if (key == null || value == null) {
            return null;
        }
        JsonNode n;
        try {
            n = Json.tree(value);
        } catch (IOException e) {
            return null;
        }
        if (n == null || !n.isObject() || !n.path("caseId").canConvertToLong() || n.path("caseId").asLong() <= 0) {
            return null;
        }
        String action = n.path("action").asText("");
        String id = n.path("id").asText("");
        int port = n.path("port").asInt(0);
        if (!(STOP_PORT.equals(action) || RESUME_PORT.equals(action)) || id.isEmpty() || port < 1) {
            return null;
        }
        String alertId = n.path("alertId").isTextual() && !n.get("alertId").textValue().isEmpty()
                ? n.get("alertId").textValue() : null;
        return new CaseCommand(new String(key, StandardCharsets.UTF_8), id, n.path("ts").asLong(), action, port,
                alertId, n.path("caseId").asLong(), n.path("ttlMs").asLong(0));
    }
}
