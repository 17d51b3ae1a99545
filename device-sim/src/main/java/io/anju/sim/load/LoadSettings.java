package io.anju.sim.load;

import io.anju.common.model.DeviceType;

/**
 * One load run.
 *
 * @param connections    how many device connections (default 8)
 * @param ratePerSec     target total messages per second over all connections (default 1000)
 * @param qos            0 or 1 (default 1)
 * @param payload        {@code charger} (~200-byte telemetry), {@code crowd}, or {@code snapshot} (cameras' images)
 * @param durationS      how long to publish (or, idle, to hold the connections), seconds (default 10)
 * @param client         {@code paho} or {@code netty}
 * @param idle           connect and hold without publishing (memory-per-connection benchmarks)
 * @param window         QoS 1 messages in flight per connection before it waits for PUBACKs (default 100)
 * @param connectRate    new connections per second while connecting (default 2000)
 * @param snapshotBytes  the size of each image of a {@code snapshot} load (default 256 KiB)
 */
public record LoadSettings(String host, int port, int connections, int ratePerSec, int qos, String payload,
                           int durationS, String client, boolean idle, int window, int connectRate, int snapshotBytes) {
    public static final int DEFAULT_SNAPSHOT_BYTES = 256 * 1024;

    public LoadSettings {
        require(connections >= 1, "--connections must be >= 1");
        require(ratePerSec >= 1 || idle, "--rate must be >= 1");
        require(qos == 0 || qos == 1, "--qos must be 0 or 1");
        require(payload.equals("charger") || payload.equals("crowd") || payload.equals("snapshot"),
                "--payload must be charger, crowd or snapshot");
        require(snapshotBytes >= 16 && snapshotBytes <= 16 << 20, "--snapshot-bytes must be 16 … 16777216");
        require(durationS >= 1, "--duration must be >= 1 second");
        require(client.equals("paho") || client.equals("netty"), "--client must be paho or netty");
        require(window >= 1 && window <= 65_535, "--window must be 1..65535");
        require(connectRate >= 1, "--connect-rate must be >= 1");
        require(port >= 1 && port <= 65_535, "--port must be 1..65535");
    }

    public LoadSettings(String host, int port, int connections, int ratePerSec, int qos, String payload,
                        int durationS, String client, boolean idle, int window, int connectRate) {
        this(host, port, connections, ratePerSec, qos, payload, durationS, client, idle, window, connectRate,
                DEFAULT_SNAPSHOT_BYTES);
    }

    /** Whether this load publishes camera snapshots rather than telemetry. */
    public boolean snapshots() {
        return payload.equals("snapshot");
    }

    /** The type of device that publishes this payload. */
    public DeviceType deviceType() {
        return snapshots() ? DeviceType.CAMERA : DeviceType.fromWire(payload).orElseThrow();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
