package io.anju.gateway.kafka;

import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.TopicRetention;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the gateway's Kafka side needs. Built from the gateway's settings table by
 * {@code GatewayConfig.downstream(bootstrapServers)}, which has checked every value; defaults and bounds are written
 * there only.
 *
 * @param kafka              Kafka {@code bootstrap.servers} (the configured cluster's or the embedded broker's) with
 *                           the security settings of {@code kafka.clientConfig}: every client of the gateway uses it
 * @param nodeId             this gateway node's id: stamped on envelopes, names the command consumer group
 * @param bufferMemoryBytes  producer buffer ({@code kafka.bufferMemoryBytes})
 * @param highWaterFraction  pause reading devices above this share of the buffer in flight
 * @param lowWaterFraction   resume below this share
 * @param lingerMs           producer {@code linger.ms}
 * @param deliveryTimeoutMs  give up on a record (answer Unavailable) after this
 * @param topicPartitions    partitions of topics created at start
 * @param replicationFactor  replication of topics created at start
 * @param payloadMaxBytes    largest JSON payload
 * @param snapshotMaxBytes   largest JPEG snapshot
 * @param clockSkewTolerance device clocks further off than this are flagged
 * @param snapshotDir        blob store directory for snapshots
 * @param commandTtl         TTL of a command without its own {@code ttlMs} ({@code commands.ttlDefault})
 * @param compression        producer {@code compression.type}
 * @param topicRetention     retention by time and size of topics created at start
 */
public record DownstreamSettings(
        KafkaConnection kafka,
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
        String compression,
        TopicRetention topicRetention) {

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public long highWaterBytes() {
        return (long) (bufferMemoryBytes * highWaterFraction);
    }

    public long lowWaterBytes() {
        return (long) (bufferMemoryBytes * lowWaterFraction);
    }
}
