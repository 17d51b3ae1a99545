package io.anju.gateway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;
import io.anju.common.topic.KafkaConnection;
import io.anju.gateway.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A topic's records as parsed JSON, with their key. */
final class Envelopes {
    record Keyed(String key, JsonNode value) {
    }

    private Envelopes() {
    }

    static List<Keyed> read(KafkaConnection kafka, String topic) {
        List<Keyed> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : TopicReader.readAll(kafka, topic)) {
            try {
                out.add(new Keyed(r.key(), Json.mapper().readTree(r.value())));
            } catch (IOException e) {
                throw new UncheckedIOException("record at " + r.topic() + "/" + r.partition() + "@" + r.offset() + " is not JSON", e);
            }
        }
        return out;
    }

    /** {@code deviceId#seq}, the identity of a device message. */
    static String id(String deviceId, long seq) {
        return deviceId + "#" + seq;
    }
}
