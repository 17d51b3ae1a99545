package io.anju.gateway.downlink;

import java.util.concurrent.CompletionStage;

/**
 * Implemented by the MQTT side: sends a command (QoS 1) to a device connected to this gateway node.
 * The stage completes with {@link DeliveryOutcome#DELIVERED} when the device's PUBACK arrives.
 */
public interface CommandDelivery {

    CompletionStage<DeliveryOutcome> deliver(String deviceId, byte[] commandJson);
}
