package io.anju.sim.load;

import io.anju.common.config.Require;
import io.anju.common.model.DeviceType;

import java.util.List;

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
        Require.atLeast("--connections", connections, 1);
        Require.that(ratePerSec >= 1 || idle, "--rate", ratePerSec, "must be at least 1");
        Require.oneOf("--qos", qos, List.of(0, 1));
        Require.oneOf("--payload", payload, List.of("charger", "crowd", "snapshot"));
        Require.between("--snapshot-bytes", snapshotBytes, 16, 16 << 20);
        Require.that(durationS >= 1, "--duration", durationS + "s", "must be at least 1s");
        Require.oneOf("--client", client, List.of("paho", "netty"));
        Require.between("--window", window, 1, 65_535);
        Require.atLeast("--connect-rate", connectRate, 1);
        Require.between("--port", port, 1, 65_535);
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
}
