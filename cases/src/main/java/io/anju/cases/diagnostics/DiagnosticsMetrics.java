package io.anju.cases.diagnostics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The diagnostics intake's meters, as Prometheus names them: {@code anju_cases_diagnostics_records_total{result}}
 * (every record read: {@code stored}, {@code unknown_device}: no such device in the registry, dropped,
 * {@code unreadable}: skipped), {@code anju_cases_diagnostics_pruned_total} (rows pruned behind the per-device bound)
 * and {@code anju_cases_diagnostics_batch_seconds} (one poll's insert-and-prune transaction).
 */
final class DiagnosticsMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> records = new ConcurrentHashMap<>();
    private final Counter pruned;
    private final Timer batch;

    DiagnosticsMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.pruned = Counter.builder("anju.cases.diagnostics.pruned")
                .description("Diagnostic rows pruned behind the per-device bound").register(registry);
        this.batch = Timer.builder("anju.cases.diagnostics.batch")
                .description("One poll's diagnostics inserted and pruned, in one transaction").register(registry);
    }

    void records(String result, int n) {
        if (n > 0) {
            records.computeIfAbsent(result, r -> Counter.builder("anju.cases.diagnostics.records")
                    .description("Records of anju.diagnostics read by the case service, by what became of them")
                    .tag("result", r).register(registry)).increment(n);
        }
    }

    void stored(DiagnosticsStore.Stored stored, long nanos) {
        records("stored", stored.inserted());
        pruned.increment(stored.pruned());
        batch.record(nanos, TimeUnit.NANOSECONDS);
    }
}
