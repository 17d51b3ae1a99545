package io.anju.conformance.command;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A command as it goes on {@code anju.commands} (docs/kafka-topics.md): the device command of docs/device-protocol.md
 * plus {@code ttlMs}; the device id is the record key.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KitCommand(String id, long ts, String action, Integer port, Integer limitW, String reason, long ttlMs) {
}
