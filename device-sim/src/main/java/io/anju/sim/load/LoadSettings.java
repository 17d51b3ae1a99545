package io.anju.sim.load;

/**
 * One load run.
 *
 * @param connections    how many device connections (default 8)
 * @param ratePerSec     target total messages per second over all connections (default 1000)
 * @param qos            0 or 1 (default 1)
 * @param payload        {@code charger} (~200-byte telemetry) or {@code crowd}
 * @param durationS      how long to publish (or, idle, to hold the connections), seconds (default 10)
 * @param client         {@code paho} or {@code netty}
 * @param idle           connect and hold without publishing (memory-per-connection benchmarks)
 * @param window         QoS 1 messages in flight per connection before it waits for PUBACKs (default 100)
 * @param connectRate    new connections per second while connecting (default 2000)
 */
public record LoadSettings(String host, int port, int connections, int ratePerSec, int qos, String payload,
                           int durationS, String client, boolean idle, int window, int connectRate) {

    public LoadSettings {
        require(connections >= 1, "--connections must be >= 1");
        require(ratePerSec >= 1 || idle, "--rate must be >= 1");
        require(qos == 0 || qos == 1, "--qos must be 0 or 1");
        require(payload.equals("charger") || payload.equals("crowd"), "--payload must be charger or crowd");
        require(durationS >= 1, "--duration must be >= 1 second");
        require(client.equals("paho") || client.equals("netty"), "--client must be paho or netty");
        require(window >= 1 && window <= 65_535, "--window must be 1..65535");
        require(connectRate >= 1, "--connect-rate must be >= 1");
        require(port >= 1 && port <= 65_535, "--port must be 1..65535");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
