package io.anju.common.command;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The record a gateway node writes to {@code anju.command-results} about a command it took from {@code anju.commands}
 * (docs/kafka-topics.md); the gateway writes it and the alerting job reads it, both with this one definition.
 *
 * @param kind      always {@code "delivery"} (device replies on the same topic are envelopes with channel command/reply)
 * @param commandId the command's {@code id} (null when the command was unreadable)
 * @param alertId   the alert that caused the command, when the command named one
 * @param action    the command's action (null when the command was unreadable)
 * @param deviceId  the Kafka key of the command
 * @param outcome   held | delivered | offline | expired | timeout | unknown_device | too_large | invalid
 * @param detail    why, for invalid and timeout outcomes
 * @param gateway   the reporting gateway node
 * @param at        when the outcome was known, Unix ms
 * @param receivedAt the same moment on the gateway's receive clock, the clock of the envelopes' {@code receivedAt}
 *                   (the wall clock, like {@code at}, unless a simulated district sets the receive clock): for a
 *                   {@code delivered} stop, a reading the same node received later was sent after the device had the
 *                   command, which is how the alerting job confirms a stop by the port's readings
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryReport(String kind, String commandId, String alertId, String action, String deviceId,
                             String outcome, String detail, String gateway, long at, long receivedAt) {
    public static final String KIND = "delivery";
    /** The outcome of a command the device acknowledged. */
    public static final String DELIVERED = "delivered";
}
