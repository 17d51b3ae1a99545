package io.anju.gateway.e2e;

import io.anju.common.model.DeviceType;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.Topics;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The messages a {@link PublishingFleet} had acknowledged, looked up by identity ({@link Envelopes#id}) among the
 * charger telemetry records in Kafka: the durability promise is that {@link #missing} is empty (repeats are allowed,
 * QoS 1 being at least once).
 *
 * @param acknowledged every acknowledged message
 * @param missing      those of them not in Kafka
 * @param records      charger telemetry records in Kafka
 * @param distinct     distinct messages among them
 */
record AckedInKafka(Set<String> acknowledged, Set<String> missing, int records, int distinct) {

    static AckedInKafka of(PublishingFleet fleet, KafkaConnection kafka) {
        Map<String, Integer> copies = new HashMap<>();
        for (Envelopes.Keyed r : Envelopes.read(kafka, Topics.telemetry(DeviceType.CHARGER))) {
            copies.merge(Envelopes.id(r.value().path("deviceId").asText(), r.value().path("seq").asLong()), 1,
                    Integer::sum);
        }
        Set<String> acknowledged = fleet.acknowledged();
        Set<String> missing = new HashSet<>(acknowledged);
        missing.removeAll(copies.keySet());
        return new AckedInKafka(acknowledged, missing, copies.values().stream().mapToInt(Integer::intValue).sum(),
                copies.size());
    }

    int found() {
        return acknowledged.size() - missing.size();
    }

    int repeats() {
        return records - distinct;
    }
}
