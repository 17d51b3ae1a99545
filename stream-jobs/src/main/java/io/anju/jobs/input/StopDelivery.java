package io.anju.jobs.input;

import io.anju.common.command.DeliveryReport;
import io.anju.common.command.DeviceCommand;
import io.anju.common.json.Json;

import java.nio.charset.StandardCharsets;

/**
 * A gateway's report that a charger acknowledged a {@code stop_port}, as read from {@code anju.command-results}
 * (docs/kafka-topics.md): the alerting job confirms a stop only by readings the gateway received after this
 * ({@code command.StopWatch}).
 *
 * @param deviceId    the charger (the record's key)
 * @param commandId   the stop's id
 * @param gateway     the node that delivered it
 * @param deliveredAt when, on that node's receive clock: the clock of its envelopes' {@code receivedAt}
 */
public record StopDelivery(String deviceId, String commandId, String gateway, long deliveredAt) {

    /**
     * The {@code delivered} report of a {@code stop_port} in one record of {@code anju.command-results}, or null for
     * anything else: other outcomes and actions, the devices' replies, the job's own confirmations, a report of a
     * gateway that does not stamp its receive clock yet, or a value that is not JSON.
     */
    public static StopDelivery decode(byte[] key, byte[] value) {
        if (key == null || value == null) {
            return null;
        }
        DeliveryReport r;
        try {
            r = Json.fromBytesWithDefaults(value, DeliveryReport.class);
        } catch (RuntimeException e) {
            return null;
        }
        if (r == null || !DeliveryReport.KIND.equals(r.kind()) || !DeliveryReport.DELIVERED.equals(r.outcome())
                || !DeviceCommand.STOP_PORT.equals(r.action()) || r.commandId() == null || r.commandId().isEmpty()
                || r.receivedAt() <= 0) {
            return null;
        }
        return new StopDelivery(new String(key, StandardCharsets.UTF_8), r.commandId(), r.gateway(), r.receivedAt());
    }
}
