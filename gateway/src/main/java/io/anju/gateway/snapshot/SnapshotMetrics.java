package io.anju.gateway.snapshot;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The snapshot store's meters: what it holds, what the retention deleted and why, how long a sweep takes. */
final class SnapshotMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> deleted = new ConcurrentHashMap<>();
    private final Timer sweeps;

    SnapshotMetrics(MeterRegistry registry, SnapshotTally tally) {
        this.registry = registry;
        Gauge.builder("anju.gateway.snapshots.held.bytes", tally, SnapshotTally::bytes).baseUnit("bytes")
                .description("Bytes of snapshot images in the store").register(registry);
        Gauge.builder("anju.gateway.snapshots.held.files", tally, SnapshotTally::files)
                .description("Snapshot images in the store").register(registry);
        sweeps = Timer.builder("anju.gateway.snapshots.sweep.duration")
                .description("Time of one retention sweep (listing and deleting)").register(registry);
    }

    void deleted(RetentionPlan.Reason reason, SnapshotKind kind) {
        deleted.computeIfAbsent(reason.wireName() + '/' + kind.wireName(), k -> Counter.builder("anju.gateway.snapshots.deleted")
                .description("Snapshot images deleted by the retention, by reason and kind")
                .tag("reason", reason.wireName()).tag("kind", kind.wireName()).register(registry)).increment();
    }

    void swept(long nanos) {
        sweeps.record(nanos, TimeUnit.NANOSECONDS);
    }
}
