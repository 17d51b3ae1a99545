package io.anju.gateway.downlink;

import io.anju.common.command.DeliveryReport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Producer;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Reports each command's outcome: counts it ({@code anju.gateway.commands} by outcome) and queues its
 * {@link DeliveryReport} for {@code anju.command-results}, written again until Kafka has it ({@link OutcomeReports}).
 * Any thread.
 */
final class CommandReports implements AutoCloseable {
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

    private final String nodeId;
    private final Clock clock;
    private final LongSupplier receiveClock;
    private final MeterRegistry meters;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final OutcomeReports reports;

    CommandReports(String nodeId, Producer<String, byte[]> producer, MeterRegistry meters, Clock clock,
                   LongSupplier receiveClock) {
        this.nodeId = nodeId;
        this.clock = clock;
        this.receiveClock = receiveClock;
        this.meters = meters;
        this.reports = new OutcomeReports(producer, RETRY_BACKOFF, "anju-command-reports-" + nodeId);
        Gauge.builder("anju.gateway.commands.reports.retrying", reports, OutcomeReports::retrying)
                .description("Command reports Kafka refused, written again every second until it takes them").register(meters);
    }

    /** Queues the outcome's report (retried until Kafka has it); {@code onAcknowledged} runs once it is in Kafka. */
    void report(PendingCommand command, String outcome, String detail, Runnable onAcknowledged) {
        count(outcome);
        DeliveryReport report = new DeliveryReport(DeliveryReport.KIND, command.id(), command.alertId(), command.action(),
                command.deviceId(), outcome, detail, nodeId, clock.millis(), receiveClock.getAsLong());
        reports.send(report, onAcknowledged);
    }

    /** The outcome's name in reports and metrics. */
    static String wireName(DeliveryOutcome outcome) {
        return switch (outcome) {
            case DELIVERED -> "delivered";
            case OFFLINE -> "offline";
            case TIMEOUT -> "timeout";
            case UNKNOWN_DEVICE -> "unknown_device";
            case TOO_LARGE -> "too_large";
        };
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, o -> Counter.builder("anju.gateway.commands")
                .description("Commands taken from anju.commands by delivery outcome").tag("outcome", o).register(meters)).increment();
    }

    /** Stops writing; a report not yet in Kafka leaves its command uncommitted, read again after a restart. */
    @Override
    public void close() {
        reports.close();
    }
}
