package io.anju.cases.diagnostics;

import io.anju.cases.intake.BatchIntakeLoop;
import io.anju.cases.intake.IntakeSettings;
import io.anju.common.diagnostics.DiagnosticEvent;
import io.anju.common.json.Json;
import io.anju.common.registry.Registry;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reads {@code anju.diagnostics} into the {@link DiagnosticsStore}: each poll's records in one batch (insert and prune
 * in one transaction), then their offsets are committed. Records of ids the live registry does not know are dropped
 * and counted: no route reads them (a vendor's scope and the diagnostics route both go through the registry), and
 * their ids are whatever an unauthenticated client sent, so keeping them would let anyone fill the table. A record that
 * does not parse is skipped with a counted warning. When the store fails, the batch is read again after
 * {@link IntakeSettings#retryBackoff()}; the topic is best-effort, but what the gateway sent is not dropped here.
 */
public final class DiagnosticsIntake implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiagnosticsIntake.class);
    public static final String GROUP_ID = "anju-cases-diagnostics";
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

    private final IntakeSettings settings;
    private final DiagnosticsStore store;
    private final Supplier<Registry> registry;
    private final DiagnosticsMetrics metrics;
    private final BatchIntakeLoop loop;
    private volatile boolean outage;

    /** {@code settings} name the topic ({@code anju.diagnostics}) and the group ({@link #GROUP_ID}). */
    public DiagnosticsIntake(IntakeSettings settings, DiagnosticsStore store, Supplier<Registry> registry,
                             MeterRegistry metrics) {
        this.settings = settings;
        this.store = store;
        this.registry = registry;
        this.metrics = new DiagnosticsMetrics(metrics);
        this.loop = new BatchIntakeLoop("diagnostics intake", "diagnostics-intake", settings,
                "anju-cases-diagnostics", STEP_TIMEOUT);
    }

    public void start() {
        loop.start(this::handle);
    }

    /** Reading, and the case store is taking the records. */
    public boolean healthy() {
        return loop.running() && !outage;
    }

    @Override
    public void close() {
        loop.close();
    }

    /** True when the store did not take the batch: it is sought back to and read again after the back-off. */
    private boolean handle(ConsumerRecords<byte[], byte[]> records) throws InterruptedException {
        if (records.isEmpty() || stored(records)) {
            return false;
        }
        for (TopicPartition tp : records.partitions()) {
            loop.consumer().seek(tp, records.records(tp).get(0).offset());
        }
        return true;
    }

    /** False when the store did not take the batch: it is read again. */
    private boolean stored(ConsumerRecords<byte[], byte[]> records) throws InterruptedException {
        Registry known = registry.get();
        List<DiagnosticEvent> batch = new ArrayList<>(records.count());
        int unknown = 0;
        List<String> unreadable = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            DiagnosticEvent e = decode(r, unreadable);
            if (e != null && (e.deviceId() == null || known.device(e.deviceId()).isEmpty())) {
                unknown++;
            } else if (e != null) {
                batch.add(e);
            }
        }
        long started = System.nanoTime();
        DiagnosticsStore.Stored stored;
        try {
            stored = store.record(batch).toCompletionStage().toCompletableFuture()
                    .get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                throw (InterruptedException) e;
            }
            if (!outage) {
                outage = true;
                LOG.warn("diagnostics not stored ({}); reading them again every {} ms",
                        e.getCause() == null ? e : e.getCause(), settings.retryBackoff().toMillis());
            }
            return false;
        }
        if (outage) {
            outage = false;
            LOG.info("diagnostics are stored again");
        }
        metrics.stored(stored, System.nanoTime() - started);
        metrics.records("unknown_device", unknown);
        metrics.records("unreadable", unreadable.size());
        // Warned once the batch is through, so a batch read again during an outage does not warn again.
        unreadable.forEach(why -> LOG.warn("skipped an unreadable diagnostic record: {}", why));
        // Not lost if it fails: read again and stored twice at worst, within the bound.
        loop.commit(records.nextOffsets(), "diagnostics");
        return true;
    }

    /** The record, or null when it does not parse ({@code unreadable} then learns where and why). */
    private static DiagnosticEvent decode(ConsumerRecord<byte[], byte[]> r, List<String> unreadable) {
        String why;
        try {
            DiagnosticEvent e = r.value() == null ? null : Json.fromBytes(r.value(), DiagnosticEvent.class);
            if (e != null && e.kind() != null) {
                return e;
            }
            why = r.value() == null ? "no value" : "no kind";
        } catch (RuntimeException e) {
            why = e.getMessage();
        }
        unreadable.add(r.topic() + "-" + r.partition() + "@" + r.offset() + ": " + why);
        return null;
    }
}
