package io.anju.gateway.kafka;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.Map;

/** The producer configuration behind the durability promise: idempotent, acks=all, bounded waits. */
final class ProducerSettings {
    private static final int MAX_BATCH_BYTES = 64 * 1024;

    private ProducerSettings() {
    }

    static Map<String, Object> of(DownstreamSettings s) {
        Map<String, Object> p = s.kafka().clientProperties();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "anju-gateway-" + s.nodeId());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        p.put(ProducerConfig.LINGER_MS_CONFIG, s.lingerMs());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, s.deliveryTimeoutMs());
        // delivery.timeout.ms must cover linger.ms + request.timeout.ms.
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(30_000, s.deliveryTimeoutMs() - s.lingerMs()));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, s.bufferMemoryBytes());
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, (int) Math.min(MAX_BATCH_BYTES, s.bufferMemoryBytes() / 16));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, s.compression());
        // send() runs on the gateway's own sender thread; a full buffer or missing metadata blocks that thread
        // for at most as long as a record may take overall.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, s.deliveryTimeoutMs());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return p;
    }
}
