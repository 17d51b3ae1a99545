package io.anju.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.bench.kafka.TopicTail;
import io.anju.common.json.Json;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.Topics;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code anju.alerts} from its end (as of {@link #start()}) on a thread of its own ({@link TopicTail}) and hands
 * every record to the {@link ProbeLedger} with the time it was read: the measuring JVM's view of "publish → alert
 * record".
 */
final class AlertReader implements AutoCloseable {
    private final TopicTail tail;

    AlertReader(KafkaConnection kafka, ProbeLedger ledger) {
        this.tail = new TopicTail(kafka.clientProperties(), "anju-bench-e2e-alerts", List.of(Topics.ALERTS),
                (r, readAt) -> ledger.alert(parse(Json.tree(r.value())), readAt));
    }

    /** Positions at the topic's end now (records written from here on are read), then reads on its own thread. */
    void start() {
        tail.start();
    }

    /** The fields of an alert record (docs/kafka-topics.md) the ledger matches on. */
    static ProbeLedger.AlertRecord parse(JsonNode a) {
        List<ProbeLedger.Cited> evidence = new ArrayList<>();
        for (JsonNode e : a.path("evidence")) {
            evidence.add(new ProbeLedger.Cited(text(e.path("deviceId")), integer(e.path("port")),
                    e.path("ts").asLong(Long.MIN_VALUE)));
        }
        return new ProbeLedger.AlertRecord(a.path("id").asText(), a.path("revision").asInt(),
                a.path("type").asText(), a.path("status").asText(), text(a.path("deviceId")), integer(a.path("port")),
                a.path("lastEventTs").asLong(Long.MIN_VALUE), a.path("emittedAt").asLong(), evidence);
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.asText() : null;
    }

    private static Integer integer(JsonNode n) {
        return n.isIntegralNumber() ? n.asInt() : null;
    }

    @Override
    public void close() {
        tail.close();
    }
}
