package io.anju.cases.commands;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The command outcome intake's meters, as Prometheus names them: {@code anju_cases_command_outcomes_total{outcome}}
 * (new outcomes recorded, whether written into a case or waiting for it) and
 * {@code anju_cases_command_records_total{result}} (every record read: {@code recorded}, {@code waiting},
 * {@code waiting_for_command}, {@code repeat}, {@code not_an_alerts_command}, {@code skipped}, {@code unreadable}); and
 * for the commands people
 * send, {@code anju_cases_command_requests_total{action,result}} ({@code sent}, {@code overridden}: sent despite the
 * resume guards, {@code refused}: by the guards, {@code failed}: Kafka did not take it).
 */
final class CommandMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final Map<String, Counter> records = new ConcurrentHashMap<>();
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();

    CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void outcome(String outcome) {
        outcomes.computeIfAbsent(outcome, o -> Counter.builder("anju.cases.command.outcomes")
                .description("Command outcomes recorded for the cases of their alerts").tag("outcome", o)
                .register(registry)).increment();
    }

    void record(String result) {
        records.computeIfAbsent(result, r -> Counter.builder("anju.cases.command.records")
                .description("Records of anju.command-results read by the case service, by what became of them")
                .tag("result", r).register(registry)).increment();
    }

    void request(String action, String result) {
        requests.computeIfAbsent(action + "/" + result, k -> Counter.builder("anju.cases.command.requests")
                .description("Charger commands people sent for cases, by action and what became of the request")
                .tag("action", action).tag("result", result).register(registry)).increment();
    }
}
