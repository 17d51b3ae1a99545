package io.anju.jobs.command;

import io.anju.common.command.DeviceCommand;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The alerting job's {@code stop_port} commands ({@link DeviceCommand}, format in docs/kafka-topics.md). The id derives
 * from the alert id, so a replay sends the same command id and the device treats it as a repeat. {@code alertId} names
 * the alert (on retries too) so the gateway's delivery reports can be filed in the case the alert belongs to.
 */
public final class StopPortCommands {

    private StopPortCommands() {
    }

    public static DeviceCommand forAlert(String alertId, String deviceId, int port, long ts, long ttlMs) {
        return forAlert(alertId, deviceId, port, ts, ttlMs, 1);
    }

    /**
     * Attempt {@code attempt} (1 = the first) of the alert's stop: a retry gets an id of its own, since a device
     * that saw the first and failed to act would take the same id as a repeat and ignore it.
     */
    public static DeviceCommand forAlert(String alertId, String deviceId, int port, long ts, long ttlMs, int attempt) {
        String name = "stop_port:" + alertId + ":" + port + (attempt > 1 ? ":" + attempt : "");
        String id = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
        String reason = "alert " + alertId + (attempt > 1 ? ", attempt " + attempt : "");
        return new DeviceCommand(deviceId, id, ts, DeviceCommand.STOP_PORT, port, null, reason, alertId, null, ttlMs);
    }

    /**
     * Attempt {@code attempt} (2 or more) of a stop a person sent for case {@code caseId}, repeating
     * {@code previousId} (the person's command or the previous retry): its id derives from that one, so a replay sends
     * the same. It names the case's alert (null when the case
     * has none) but not the case: the job reads {@code anju.commands} back and watches only what names a case.
     */
    public static DeviceCommand retryOf(String previousId, long caseId, String alertId, String deviceId, int port,
                                          long ts, long ttlMs, int attempt) {
        String name = "stop_port:" + previousId + ":" + attempt;
        String id = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
        return new DeviceCommand(deviceId, id, ts, DeviceCommand.STOP_PORT, port, null,
                "case " + caseId + ", attempt " + attempt, alertId, null, ttlMs);
    }
}
