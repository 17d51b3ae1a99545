package io.anju.gateway.downlink;

import io.anju.gateway.kafka.DownstreamSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;

/** The Kafka clients of the {@link CommandRelay}: the consumer of {@code anju.commands}, the producer of its reports. */
final class CommandClients {

    private CommandClients() {
    }

    static Map<String, Object> consumerProperties(DownstreamSettings s, int maxPollRecords) {
        Map<String, Object> p = s.kafka().clientProperties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, CommandRelay.groupId(s.nodeId()));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, CommandRelay.groupId(s.nodeId()) + "-commands");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A node that never ran before still serves commands already waiting (old ones are reported expired).
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Today's writers (the jobs' at-least-once sink, the case service) use no transactions; a writer that does
        // must never have a command of an aborted attempt delivered.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return p;
    }

    static Map<String, Object> producerProperties(DownstreamSettings s) {
        Map<String, Object> p = s.kafka().clientProperties();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, CommandRelay.groupId(s.nodeId()) + "-command-results");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, s.deliveryTimeoutMs());
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(30_000, s.deliveryTimeoutMs()));
        // A send waiting for Kafka's metadata gives up as late as one waiting for its acknowledgement (then retried).
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, s.deliveryTimeoutMs());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return p;
    }
}
