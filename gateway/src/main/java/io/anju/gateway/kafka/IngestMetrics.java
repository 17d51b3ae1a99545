package io.anju.gateway.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The downstream meters: Kafka send latency, bytes in flight, records by topic and outcome, quarantine reasons. */
final class IngestMetrics {
    private final MeterRegistry registry;
    private final Timer sendLatency;
    private final Map<String, Counter> acked = new ConcurrentHashMap<>();
    private final Map<String, Counter> failed = new ConcurrentHashMap<>();
    private final Map<String, Counter> quarantined = new ConcurrentHashMap<>();

    IngestMetrics(MeterRegistry registry, InFlightBudget budget) {
        this.registry = registry;
        this.sendLatency = Timer.builder("anju.gateway.kafka.send.latency")
                .description("Time from handing a record to the producer until Kafka acknowledged it")
                .publishPercentileHistogram()
                .register(registry);
        Gauge.builder("anju.gateway.kafka.inflight.bytes", budget, InFlightBudget::bytes)
                .description("Bytes accepted from devices and not yet acknowledged by Kafka").baseUnit("bytes")
                .register(registry);
        Gauge.builder("anju.gateway.kafka.inflight.records", budget, InFlightBudget::records)
                .description("Records accepted from devices and not yet acknowledged by Kafka")
                .register(registry);
        Gauge.builder("anju.gateway.kafka.paused", budget, b -> b.isPaused() ? 1 : 0)
                .description("1 while device reading is paused because Kafka lags behind")
                .register(registry);
    }

    void sent(String topic, long startNanos) {
        sendLatency.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        record(acked, topic, "acked");
    }

    void failed(String topic) {
        record(failed, topic, "failed");
    }

    void quarantined(String code) {
        quarantined.computeIfAbsent(code, c -> Counter.builder("anju.gateway.ingest.quarantined")
                .description("Payloads refused by validation, by reason code").tag("reason", c).register(registry)).increment();
    }

    private void record(Map<String, Counter> byTopic, String topic, String outcome) {
        Counter c = byTopic.get(topic); // the per-record path: one lookup, no key building
        if (c == null) {
            c = byTopic.computeIfAbsent(topic, t -> Counter.builder("anju.gateway.kafka.records")
                    .description("Records written to Kafka by topic and outcome")
                    .tag("topic", t).tag("outcome", outcome).register(registry));
        }
        c.increment();
    }
}
