package io.anju.cases.commands;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A command a person sent for a case, as it goes on {@code anju.commands} (docs/kafka-topics.md): the device command
 * of docs/device-protocol.md plus {@code ttlMs}, the case's {@code alertId} (so the gateway's delivery reports and the
 * device's reply are filed in the case, as for automatic stops) and {@code caseId}. The device id is the record key.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChargerCommand(@JsonIgnore String deviceId, String id, long ts, String action, int port, String reason,
                             String alertId, long caseId, long ttlMs) {
    public static final String STOP_PORT = "stop_port";
    public static final String RESUME_PORT = "resume_port";
}
