package io.anju.gateway.downlink;

import java.util.concurrent.CompletionStage;

/**
 * Implemented by the MQTT side: sends a command (QoS 1) to a device connected to this gateway node.
 * The stage completes with {@link DeliveryOutcome#DELIVERED} when the device's PUBACK arrives.
 */
public interface CommandDelivery {

    CompletionStage<DeliveryOutcome> deliver(String deviceId, byte[] commandJson);

    /**
     * Whether commands held for the device may go now: it is connected and has subscribed to its command topic, so a
     * command sent is one its software sees. Without a better signal, always.
     */
    default boolean ready(String deviceId) {
        return true;
    }
}
