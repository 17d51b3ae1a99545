package io.anju.gateway.session;

/**
 * What a device announced it can take (MQTT 5 CONNECT properties): how many QoS 1/2 PUBLISHes it accepts unacknowledged
 * (Receive Maximum) and the largest packet it accepts (Maximum Packet Size). MQTT 3.1.1 announces neither.
 */
public record ClientLimits(int receiveMaximum, int maximumPacketSize) {
    /** MQTT's values when a device announces nothing. */
    public static final ClientLimits UNANNOUNCED = new ClientLimits(65_535, Integer.MAX_VALUE);
}
