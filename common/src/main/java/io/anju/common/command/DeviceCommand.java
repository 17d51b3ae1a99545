package io.anju.common.command;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A command for a device as it goes on {@code anju.commands} (docs/kafka-topics.md): the device command of
 * docs/device-protocol.md plus what the platform adds. The device id is the record's key, not part of the JSON; a
 * field without a value is left out. Written by the alerting job (automatic {@code stop_port} and the retries of
 * every watched stop), the case service (people's commands for a case) and the conformance kit.
 *
 * @param deviceId the device (the record's key)
 * @param id       the command's id; a device treats a repeated id as a repeat
 * @param ts       the writer's time, Unix ms
 * @param action   {@code stop_port}, {@code resume_port}, {@code set_limit}, … (docs/device-protocol.md)
 * @param port     the port the action is for, if any
 * @param limitW   the new limit of {@code set_limit}, if any
 * @param reason   why, for the device's log and people
 * @param alertId  the alert that caused it (devices ignore it): the gateway's delivery reports and the device's
 *                 reply are filed in the case the alert belongs to
 * @param caseId   the case a person sent it for (devices ignore it); null for the job's own commands
 * @param ttlMs    how long the gateway holds it for a device that is away, counted from {@code ts}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceCommand(@JsonIgnore String deviceId, String id, long ts, String action, Integer port,
                            Integer limitW, String reason, String alertId, Long caseId, long ttlMs) {
    public static final String STOP_PORT = "stop_port";
    public static final String RESUME_PORT = "resume_port";
}
