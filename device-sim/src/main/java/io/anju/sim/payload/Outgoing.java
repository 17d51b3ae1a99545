package io.anju.sim.payload;

/** One message a simulated device wants published: topic, bytes (JSON or JPEG), QoS. */
public record Outgoing(String topic, byte[] payload, int qos) {
}
