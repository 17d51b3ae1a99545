package io.anju.gateway.downlink;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;

import java.io.IOException;
import java.time.Duration;

/**
 * A command read from {@code anju.commands}: {@code {"id":..,"ts":..,"action":..,...,"ttlMs":..}} keyed by device id.
 * A command is expired once {@code ts + ttl} has passed; {@code ttlMs} overrides the gateway's default TTL. An optional
 * textual {@code alertId} names the alert that caused the command; the delivery reports echo it and the action.
 */
record PendingCommand(String deviceId, String id, String action, String alertId, long ts, long ttlMs, byte[] json, String problem) {

    static PendingCommand parse(String deviceId, byte[] value, Duration defaultTtl) {
        if (deviceId == null || deviceId.isEmpty()) {
            return invalid(deviceId, null, null, value, "record key (device id) missing");
        }
        JsonNode node;
        try {
            node = value == null ? null : Json.tree(value);
        } catch (IOException e) {
            return invalid(deviceId, null, null, value, "not_json");
        }
        if (node == null || !node.isObject()) {
            return invalid(deviceId, null, null, value, "not_object");
        }
        String alertId = node.path("alertId").isTextual() ? node.get("alertId").textValue() : null;
        String id = node.path("id").isTextual() && !node.path("id").textValue().isEmpty() ? node.get("id").textValue() : null;
        if (id == null) {
            return invalid(deviceId, null, alertId, value, "missing_field: id");
        }
        if (!node.path("ts").isIntegralNumber()) {
            return invalid(deviceId, id, alertId, value, "missing_field: ts");
        }
        if (!node.path("action").isTextual()) {
            return invalid(deviceId, id, alertId, value, "missing_field: action");
        }
        long ttl = defaultTtl.toMillis();
        if (node.has("ttlMs")) {
            if (!node.get("ttlMs").isIntegralNumber() || node.get("ttlMs").longValue() <= 0) {
                return invalid(deviceId, id, alertId, value, "bad_value: ttlMs");
            }
            ttl = node.get("ttlMs").longValue();
        }
        return new PendingCommand(deviceId, id, node.get("action").textValue(), alertId, node.get("ts").longValue(), ttl,
                value, null);
    }

    private static PendingCommand invalid(String deviceId, String id, String alertId, byte[] value, String problem) {
        return new PendingCommand(deviceId, id, null, alertId, 0, 0, value, problem);
    }

    boolean isValid() {
        return problem == null;
    }

    boolean isExpiredAt(long nowMs) {
        return nowMs > ts + ttlMs;
    }
}
