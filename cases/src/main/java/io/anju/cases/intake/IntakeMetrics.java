package io.anju.cases.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The intake's meters, as Prometheus names them: {@code anju_cases_alerts_applied_total},
 * {@code anju_cases_alerts_quarantined_total{code}}, {@code anju_cases_intake_retries_total},
 * {@code anju_cases_alert_to_case_seconds} (alert emitted → case committed), {@code anju_cases_intake_lag},
 * {@code anju_cases_intake_transaction_records} (alert records per shared transaction) and
 * {@code anju_cases_intake_transactions_redone_total} (shared transactions that failed and were redone one record at a
 * time: a refused record, a store outage or a write race).
 */
final class IntakeMetrics {
    private final MeterRegistry registry;
    private final Counter applied;
    private final Counter retries;
    private final Timer alertToCase;
    private final DistributionSummary sharedRecords;
    private final Counter redone;
    private final Map<String, Counter> quarantined = new ConcurrentHashMap<>();

    IntakeMetrics(MeterRegistry registry, LongSupplier lag) {
        this.registry = registry;
        this.applied = Counter.builder("anju.cases.alerts.applied")
                .description("Alert records applied to cases (repeats included)").register(registry);
        this.retries = Counter.builder("anju.cases.intake.retries")
                .description("Alert records held back and retried because the case store did not take them")
                .register(registry);
        this.alertToCase = Timer.builder("anju.cases.alert.to.case")
                .description("From the stream job emitting an alert to its case change being committed")
                .publishPercentiles(0.5, 0.9, 0.99)
                .register(registry);
        this.sharedRecords = DistributionSummary.builder("anju.cases.intake.transaction.records")
                .description("Alert records applied together in one transaction").register(registry);
        this.redone = Counter.builder("anju.cases.intake.transactions.redone")
                .description("Shared transactions that failed and were redone one record at a time").register(registry);
        Gauge.builder("anju.cases.intake.lag", () -> Math.max(0, lag.getAsLong()))
                .description("Alert records not yet read by the intake").register(registry);
    }

    void applied(long emittedAtMs, long nowMs) {
        applied.increment();
        if (emittedAtMs > 0) {
            alertToCase.record(Duration.ofMillis(Math.max(0, nowMs - emittedAtMs)));
        }
    }

    void quarantined(String code) {
        quarantined.computeIfAbsent(code, c -> Counter.builder("anju.cases.alerts.quarantined")
                .description("Alert records sent to the quarantine topic instead of being applied")
                .tag("code", c).register(registry)).increment();
    }

    void shared(int records) {
        sharedRecords.record(records);
    }

    void sharedFailed() {
        redone.increment();
    }

    void retried() {
        retries.increment();
    }
}
