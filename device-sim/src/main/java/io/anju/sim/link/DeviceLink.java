package io.anju.sim.link;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One device's MQTT connection, independent of the client library and protocol version. Implementations never
 * reconnect by themselves: {@link io.anju.sim.run.DeviceSession} owns reconnection so the back-off and jitter are
 * ours.
 */
public interface DeviceLink extends AutoCloseable {

    /** Connects (blocking up to the spec's timeout) with the spec's credentials and Will. */
    void connect(ConnectSpec spec) throws LinkException;

    boolean isConnected();

    /** Subscribes to one topic (QoS 1); messages arrive on a client thread as (topic, payload). */
    void subscribe(String topic, BiConsumer<String, byte[]> handler) throws LinkException;

    /**
     * Publishes without waiting; {@code onDone} runs with null on completion (PUBACK for QoS 1) or the error.
     */
    void publish(String topic, byte[] payload, int qos, Consumer<Throwable> onDone)
            throws LinkException;

    /** Called once when the connection is lost for any reason other than our own close. */
    void onConnectionLost(Consumer<Throwable> listener);

    /** Closes the socket without sending DISCONNECT, so the broker publishes the Will. */
    void drop();

    /** Sends DISCONNECT and closes; the Will is discarded. */
    @Override
    void close();

    /** The MQTT protocol version: 3 (3.1.1) or 5. */
    int protocolVersion();
}
