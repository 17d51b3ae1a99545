package io.anju.jobs.input;

import io.anju.common.command.DeviceCommand;
import io.anju.common.json.Json;

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
    public static final String STOP_PORT = DeviceCommand.STOP_PORT;
    public static final String RESUME_PORT = DeviceCommand.RESUME_PORT;

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
        DeviceCommand c;
        try {
            c = Json.fromBytesWithDefaults(value, DeviceCommand.class); // ttlMs is optional
        } catch (RuntimeException e) {
            return null; // not a command
        }
        if (c == null || c.caseId() == null || c.caseId() <= 0 || c.id() == null || c.id().isEmpty()
                || !(STOP_PORT.equals(c.action()) || RESUME_PORT.equals(c.action()))
                || c.port() == null || c.port() < 1) {
            return null;
        }
        String alertId = c.alertId() == null || c.alertId().isEmpty() ? null : c.alertId();
        return new CaseCommand(new String(key, StandardCharsets.UTF_8), c.id(), c.ts(), c.action(), c.port(),
                alertId, c.caseId(), c.ttlMs());
    }

}
