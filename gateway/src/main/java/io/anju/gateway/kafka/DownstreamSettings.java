package io.anju.gateway.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the gateway's Kafka side needs, validated at construction with an error that names the setting.
 *
 * @param bootstrapServers     Kafka {@code bootstrap.servers} (no default: the embedded broker's or an external one)
 * @param nodeId               this gateway node's id: stamped on envelopes, names the command consumer group
 * @param bufferMemoryBytes    producer buffer; default 64 MiB (min 1 MiB)
 * @param highWaterFraction    pause reading devices above this share of the buffer in flight; default 0.75
 * @param lowWaterFraction     resume below this share; default 0.5 (must be below high water)
 * @param lingerMs             producer {@code linger.ms}; default 5
 * @param deliveryTimeoutMs    give up on a record (answer Unavailable) after this; default 120000
 * @param topicPartitions      partitions of topics created at start; default 6
 * @param replicationFactor    replication of topics created at start; default 1 (single node)
 * @param payloadMaxBytes      largest JSON payload; default 16384
 * @param snapshotMaxBytes     largest JPEG snapshot; default 1 MiB
 * @param clockSkewTolerance   device clocks further off than this are flagged; default 5 min
 * @param snapshotDir          blob store directory for snapshots; default {@code ./data/snapshots}
 * @param commandTtl           TTL of a command without its own {@code ttlMs}; default 10 min
 * @param compression          producer compression: none, lz4, zstd, snappy or gzip; default lz4
 */
public record DownstreamSettings(
        String bootstrapServers,
        String nodeId,
        long bufferMemoryBytes,
        double highWaterFraction,
        double lowWaterFraction,
        int lingerMs,
        int deliveryTimeoutMs,
        int topicPartitions,
        short replicationFactor,
        int payloadMaxBytes,
        int snapshotMaxBytes,
        Duration clockSkewTolerance,
        Path snapshotDir,
        Duration commandTtl,
        String compression) {

    public static final long DEFAULT_BUFFER_MEMORY_BYTES = 64L * 1024 * 1024;
    public static final double DEFAULT_HIGH_WATER_FRACTION = 0.75;
    public static final double DEFAULT_LOW_WATER_FRACTION = 0.5;
    public static final int DEFAULT_LINGER_MS = 5;
    public static final int DEFAULT_DELIVERY_TIMEOUT_MS = 120_000;
    public static final int DEFAULT_TOPIC_PARTITIONS = 6;
    public static final short DEFAULT_REPLICATION_FACTOR = 1;
    public static final int DEFAULT_PAYLOAD_MAX_BYTES = 16 * 1024;
    public static final int DEFAULT_SNAPSHOT_MAX_BYTES = 1024 * 1024;
    public static final Duration DEFAULT_CLOCK_SKEW_TOLERANCE = Duration.ofMinutes(5);
    public static final Path DEFAULT_SNAPSHOT_DIR = Path.of("data", "snapshots");
    public static final Duration DEFAULT_COMMAND_TTL = Duration.ofMinutes(10);
    public static final String DEFAULT_COMPRESSION = "lz4";
    private static final Set<String> COMPRESSIONS = Set.of("none", "lz4", "zstd", "snappy", "gzip");

    public DownstreamSettings {
        require(bootstrapServers != null && !bootstrapServers.isBlank(), "kafka.bootstrap must be set");
        require(nodeId != null && nodeId.matches("[A-Za-z0-9._-]{1,64}"), "node.id must be 1-64 chars of [A-Za-z0-9._-], was " + nodeId);
        require(bufferMemoryBytes >= 1024 * 1024, "kafka.bufferMemoryBytes must be at least 1 MiB, was " + bufferMemoryBytes);
        require(highWaterFraction > 0 && highWaterFraction <= 1, "kafka.highWaterFraction must be in (0, 1], was " + highWaterFraction);
        require(lowWaterFraction >= 0 && lowWaterFraction < highWaterFraction,
                "kafka.lowWaterFraction must be in [0, highWaterFraction), was " + lowWaterFraction);
        require(lingerMs >= 0 && lingerMs <= 1000, "kafka.lingerMs must be 0..1000, was " + lingerMs);
        require(deliveryTimeoutMs >= 1000 + lingerMs, "kafka.deliveryTimeoutMs must be at least 1000 + lingerMs, was " + deliveryTimeoutMs);
        require(topicPartitions >= 1 && topicPartitions <= 1000, "kafka.topicPartitions must be 1..1000, was " + topicPartitions);
        require(replicationFactor >= 1, "kafka.replicationFactor must be at least 1, was " + replicationFactor);
        require(payloadMaxBytes >= 256 && payloadMaxBytes <= 256 * 1024, "payload.maxBytes must be 256..262144, was " + payloadMaxBytes);
        require(snapshotMaxBytes >= 1024 && snapshotMaxBytes <= 16 * 1024 * 1024, "snapshot.maxBytes must be 1 KiB..16 MiB, was " + snapshotMaxBytes);
        require(clockSkewTolerance != null && !clockSkewTolerance.isNegative(), "clock.skewTolerance must be >= 0");
        Objects.requireNonNull(snapshotDir, "snapshot.dir must be set");
        require(commandTtl != null && commandTtl.toMillis() > 0, "commands.ttlDefault must be positive");
        require(compression != null && COMPRESSIONS.contains(compression), "kafka.compression must be one of " + COMPRESSIONS + ", was " + compression);
    }

    /** The documented defaults for everything but the broker address and node id. */
    public static DownstreamSettings defaults(String bootstrapServers, String nodeId) {
        return new DownstreamSettings(bootstrapServers, nodeId, DEFAULT_BUFFER_MEMORY_BYTES, DEFAULT_HIGH_WATER_FRACTION,
                DEFAULT_LOW_WATER_FRACTION, DEFAULT_LINGER_MS, DEFAULT_DELIVERY_TIMEOUT_MS, DEFAULT_TOPIC_PARTITIONS,
                DEFAULT_REPLICATION_FACTOR, DEFAULT_PAYLOAD_MAX_BYTES, DEFAULT_SNAPSHOT_MAX_BYTES,
                DEFAULT_CLOCK_SKEW_TOLERANCE, DEFAULT_SNAPSHOT_DIR, DEFAULT_COMMAND_TTL, DEFAULT_COMPRESSION);
    }

    public DownstreamSettings withSnapshotDir(Path dir) {
        return new DownstreamSettings(bootstrapServers, nodeId, bufferMemoryBytes, highWaterFraction, lowWaterFraction,
                lingerMs, deliveryTimeoutMs, topicPartitions, replicationFactor, payloadMaxBytes, snapshotMaxBytes,
                clockSkewTolerance, dir, commandTtl, compression);
    }

    public DownstreamSettings withBufferMemoryBytes(long bytes) {
        return new DownstreamSettings(bootstrapServers, nodeId, bytes, highWaterFraction, lowWaterFraction,
                lingerMs, deliveryTimeoutMs, topicPartitions, replicationFactor, payloadMaxBytes, snapshotMaxBytes,
                clockSkewTolerance, snapshotDir, commandTtl, compression);
    }

    public DownstreamSettings withDeliveryTimeoutMs(int ms) {
        return new DownstreamSettings(bootstrapServers, nodeId, bufferMemoryBytes, highWaterFraction, lowWaterFraction,
                lingerMs, ms, topicPartitions, replicationFactor, payloadMaxBytes, snapshotMaxBytes,
                clockSkewTolerance, snapshotDir, commandTtl, compression);
    }

    public DownstreamSettings withCommandTtl(Duration ttl) {
        return new DownstreamSettings(bootstrapServers, nodeId, bufferMemoryBytes, highWaterFraction, lowWaterFraction,
                lingerMs, deliveryTimeoutMs, topicPartitions, replicationFactor, payloadMaxBytes, snapshotMaxBytes,
                clockSkewTolerance, snapshotDir, ttl, compression);
    }

    public long highWaterBytes() {
        return (long) (bufferMemoryBytes * highWaterFraction);
    }

    public long lowWaterBytes() {
        return (long) (bufferMemoryBytes * lowWaterFraction);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
