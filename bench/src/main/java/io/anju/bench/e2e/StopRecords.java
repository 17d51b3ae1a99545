package io.anju.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.bench.kafka.TopicTail;
import io.anju.common.command.DeviceCommand;
import io.anju.common.json.Json;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.Topics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * The records a stop leaves on Kafka, read from the topics' ends on a thread of its own ({@link TopicTail}): the
 * alerts ({@code anju.alerts}: when the alert that asks for an automatic stop was emitted), the commands
 * ({@code anju.commands}: when the alerting job issued its stop) and the confirmations by readings
 * ({@code anju.command-results}). Each carries its record's Kafka timestamp: the producer's clock (the alerting job's
 * or the case service's), this machine's.
 */
final class StopRecords implements AutoCloseable {
    /** One record a stop probe looks at. */
    sealed interface Seen permits AlertSeen, CommandSeen, ConfirmationSeen {
    }

    /** An alert revision. */
    record AlertSeen(String alertId, String type, String severity, String deviceId, long atMs) implements Seen {
    }

    /** A command for a charger: {@code caseId} names a person's (null for the job's own stops and retries). */
    record CommandSeen(String commandId, String action, String deviceId, int port, String alertId, Long caseId,
                       long atMs) implements Seen {
    }

    /**
     * The alerting job's {@code confirmation} of a stop (StopOutcome); the gateway's delivery reports are not.
     * {@code readingTs}: the device time of the reading that decided (the probe's clock, this machine's).
     */
    record ConfirmationSeen(String commandId, String alertId, String deviceId, int port, String outcome, Long caseId,
                            long readingTs, long atMs) implements Seen {
    }

    private final TopicTail tail;

    StopRecords(KafkaConnection kafka, Consumer<Seen> listener) {
        this.tail = new TopicTail(kafka.clientProperties(), "anju-bench-e2e-stops",
                List.of(Topics.ALERTS, Topics.COMMANDS, Topics.COMMAND_RESULTS), (r, readAt) -> {
                    Seen seen = parse(r.topic(), r.key(), r.value(), r.timestamp());
                    if (seen != null) {
                        listener.accept(seen);
                    }
                });
    }

    /** Positions at the three topics' ends now, then reads on. */
    void start() {
        tail.start();
    }

    /** A record of one of the three topics (formats in docs/kafka-topics.md), or null when it is none of the above. */
    static Seen parse(String topic, byte[] key, byte[] value, long timestampMs) throws IOException {
        if (value == null) {
            return null;
        }
        JsonNode n = Json.tree(value);
        return switch (topic) {
            case Topics.ALERTS -> new AlertSeen(n.path("id").asText(), n.path("type").asText(),
                    n.path("severity").asText(), text(n.path("deviceId")), timestampMs);
            case Topics.COMMANDS -> key == null ? null : commandSeen(Json.fromBytes(value, DeviceCommand.class),
                    new String(key, StandardCharsets.UTF_8), timestampMs);
            case Topics.COMMAND_RESULTS -> "confirmation".equals(n.path("kind").asText())
                    ? new ConfirmationSeen(n.path("commandId").asText(), text(n.path("alertId")),
                    n.path("deviceId").asText(), n.path("port").asInt(), n.path("outcome").asText(), caseId(n),
                    n.path("at").asLong(), timestampMs) : null;
            default -> null;
        };
    }

    private static CommandSeen commandSeen(DeviceCommand c, String deviceId, long timestampMs) {
        return new CommandSeen(c.id(), c.action(), deviceId, c.port() == null ? 0 : c.port(), c.alertId(), c.caseId(),
                timestampMs);
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.asText() : null;
    }

    private static Long caseId(JsonNode n) {
        return n.path("caseId").isIntegralNumber() ? n.path("caseId").asLong() : null;
    }

    @Override
    public void close() {
        tail.close();
    }
}
