package io.anju.dashboards.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns scrapes of the gateway, the stream jobs and the case service into the {@code /api/ops} answer. The metric
 * families read (Micrometer's Prometheus names of the services' meters):
 * <ul>
 *   <li>gateway: {@code anju_gateway_connections}; {@code anju_gateway_messages_total} by {@code status}
 *   (forwarded → messagesPerSec; quarantined → quarantinedPerSec; unauthorized, throttled, unavailable →
 *   errorsPerSec); {@code anju_gateway_kafka_inflight_bytes} as a share of the gateway's producer buffer
 *   → kafkaBufferFill;</li>
 *   <li>jobs: {@code anju_jobs_running} by {@code job}; the sum of Flink's Kafka-source {@code *_pendingRecords}
 *   → lagRecords;</li>
 *   <li>cases: {@code anju_cases_intake_lag}; {@code anju_cases_alerts_applied_total} → alertsAppliedPerSec;
 *   {@code anju_cases_outbox_deliveries_total} with {@code outcome="failed"} → notifyFailed (since start).</li>
 * </ul>
 * Rates are over the span between the last two scrapes; they are null until there are two.
 */
public final class OpsReport {
    static final String GATEWAY_CONNECTIONS = "anju_gateway_connections";
    static final String GATEWAY_MESSAGES = "anju_gateway_messages_total";
    static final String GATEWAY_INFLIGHT_BYTES = "anju_gateway_kafka_inflight_bytes";
    static final String JOBS_RUNNING = "anju_jobs_running";
    static final String FLINK_PENDING_RECORDS = "_pendingRecords";
    static final String CASES_INTAKE_LAG = "anju_cases_intake_lag";
    static final String CASES_ALERTS_APPLIED = "anju_cases_alerts_applied_total";
    static final String CASES_DELIVERIES = "anju_cases_outbox_deliveries_total";
    private static final Set<String> ERROR_STATUSES = Set.of("unauthorized", "throttled", "unavailable");

    private OpsReport() {
    }

    public static Map<String, Object> gateway(Scrape now, Scrape before, long bufferBytes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("up", now.up());
        m.put("connections", now.up() ? (long) now.metrics().sum(GATEWAY_CONNECTIONS) : null);
        m.put("messagesPerSec", now.rate(before, t -> t.sum(GATEWAY_MESSAGES, l -> "forwarded".equals(l.get("status")))));
        m.put("errorsPerSec", now.rate(before, t -> t.sum(GATEWAY_MESSAGES, l -> ERROR_STATUSES.contains(l.get("status")))));
        m.put("quarantinedPerSec", now.rate(before, t -> t.sum(GATEWAY_MESSAGES, l -> "quarantined".equals(l.get("status")))));
        m.put("kafkaBufferFill", now.up() ? now.metrics().sum(GATEWAY_INFLIGHT_BYTES) / bufferBytes : null);
        return m;
    }

    public static Map<String, Object> jobs(Scrape now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("up", now.up());
        Map<String, Boolean> running = new LinkedHashMap<>();
        if (now.up()) {
            now.metrics().named(JOBS_RUNNING).forEach(s -> running.put(s.labels().getOrDefault("job", "?"), s.value() >= 1));
        }
        m.put("running", running);
        m.put("lagRecords", now.up() ? (long) now.metrics().sumEndingWith(FLINK_PENDING_RECORDS) : null);
        return m;
    }

    public static Map<String, Object> cases(Scrape now, Scrape before) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("up", now.up());
        m.put("intakeLag", now.up() ? (long) now.metrics().sum(CASES_INTAKE_LAG) : null);
        m.put("alertsAppliedPerSec", now.rate(before, t -> t.sum(CASES_ALERTS_APPLIED)));
        m.put("notifyFailed", now.up() ? (long) now.metrics().sum(CASES_DELIVERIES, l -> "failed".equals(l.get("outcome"))) : null);
        return m;
    }
}
