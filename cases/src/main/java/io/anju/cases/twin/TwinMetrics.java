package io.anju.cases.twin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The twin keeper's meters, as Prometheus names them: {@code anju_cases_twin_records_total{result}} (every stream
 * record read: {@code applied}: it changed the device's twin, {@code unchanged}: nothing newer in it,
 * {@code unknown_device}: no such device in the registry, dropped, {@code unreadable}: skipped),
 * {@code anju_cases_twin_published_total{value}} ({@code twin} or {@code tombstone} records acknowledged on
 * {@code anju.twin}), {@code anju_cases_twin_devices} (twins held) and {@code anju_cases_twin_publish_lag_seconds}
 * (from a twin's first change read to its record acknowledged).
 */
final class TwinMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> records = new ConcurrentHashMap<>();
    private final Map<String, Counter> published = new ConcurrentHashMap<>();
    private final Timer lag;

    TwinMetrics(MeterRegistry registry, Supplier<Number> devices) {
        this.registry = registry;
        Gauge.builder("anju.cases.twin.devices", devices).description("Devices whose twin the case service holds")
                .register(registry);
        this.lag = Timer.builder("anju.cases.twin.publish.lag")
                .description("From a twin's first change read from the streams to its record acknowledged on anju.twin")
                .register(registry);
    }

    void records(String result, int n) {
        if (n > 0) {
            records.computeIfAbsent(result, r -> Counter.builder("anju.cases.twin.records")
                    .description("Stream records read by the twin keeper, by what became of them")
                    .tag("result", r).register(registry)).increment(n);
        }
    }

    void published(String value, int n) {
        if (n > 0) {
            published.computeIfAbsent(value, v -> Counter.builder("anju.cases.twin.published")
                    .description("Records the twin keeper wrote to anju.twin, acknowledged")
                    .tag("value", v).register(registry)).increment(n);
        }
    }

    void lag(long nanos) {
        lag.record(nanos, TimeUnit.NANOSECONDS);
    }
}
