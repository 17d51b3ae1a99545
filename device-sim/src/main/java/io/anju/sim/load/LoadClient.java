package io.anju.sim.load;

/** A set of device connections a load run publishes through. */
public interface LoadClient extends AutoCloseable {

    /** Opens all connections, at most {@code connectRate} new ones per second; returns when every attempt ended. */
    void connectAll(int connectRate) throws InterruptedException;

    /** The number of connections. */
    int size();

    /**
     * Asks connection {@code index} to publish up to {@code count} messages now. Returns how many it could not
     * take (its QoS 1 window was full or it is not connected); the rest are sent asynchronously.
     */
    int send(int index, int count);

    @Override
    void close();
}
