package io.anju.gateway.downlink;

/**
 * How many commands for offline devices the relay holds until they reconnect; built from the gateway's settings
 * table by {@code GatewayConfig.commandsHoldLimits()}.
 *
 * @param perDevice at most this many per device ({@code commands.maxHeldPerDevice}; 0 = hold nothing and report such
 *                  commands {@code offline} at once)
 * @param total     at most this many in all ({@code commands.maxHeld})
 */
public record HoldLimits(int perDevice, int total) {
}
