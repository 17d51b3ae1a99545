package io.anju.cases.intake;

import io.anju.cases.model.CaseException;
import io.anju.cases.service.CaseService;
import io.anju.common.alert.Alert;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.pgclient.PgException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads {@code anju.alerts} into the {@link CaseService}. Each polled batch is split into lanes by dedup key
 * ({@link KeyLanes}), and the lanes are dealt into up to {@link IntakeSettings#concurrency} shares applied at the same
 * time, each in one transaction ({@link CaseService#applyAlerts}): the records of one key one after the other in offset
 * order, so the revisions of one dedup key never race, and one commit for the whole share. When the store refuses a
 * share's transaction, its records are applied again one per transaction ({@link CaseService#applyAlert}), which finds
 * the record at fault; when the store does not answer, the share is held like a single record. An offset is
 * committed only up to the first record of its partition whose case transaction has not committed, so a crash or
 * restart re-reads at most the uncommitted tail, which the service ignores as repeats (idempotent per alert id and
 * revision), as it ignores the revisions the at-least-once alerting job writes again after its own restarts. When the case store fails, the record is held (its lane stops, the partition seeks back to
 * it) and retried after {@link IntakeSettings#retryBackoff}, never skipped. A record that is not a usable alert, or
 * that the service refuses as invalid, goes to {@code anju.quarantine} with its reason and the intake moves past it; so
 * does one the store refused for a reason of its own {@link IntakeSettings#maxAttempts} times ({@link StoreErrors}).
 */
public final class AlertIntake implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertIntake.class);
    /** Longest wait for one case transaction or quarantine write before it counts as failed and is retried. */
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

    private enum Outcome { DONE, RETRY }

    private final IntakeSettings settings;
    private final CaseService cases;
    private final IntakeMetrics metrics;
    private final AlertDecoder decoder = new AlertDecoder();
    private final RecordAttempts attempts;
    private final BatchIntakeLoop loop;
    private final Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();

    private final AtomicBoolean outage = new AtomicBoolean();
    private final AtomicLong outageRetries = new AtomicLong();

    private QuarantineWriter quarantine;
    private ExecutorService appliers;
    private volatile long lag = -1;

    public AlertIntake(IntakeSettings settings, CaseService cases, MeterRegistry metrics) {
        this.settings = settings;
        this.attempts = new RecordAttempts(settings.maxAttempts());
        this.cases = cases;
        this.metrics = new IntakeMetrics(metrics, this::lag);
        this.loop = new BatchIntakeLoop("alert intake", "alert-intake", settings, "anju-cases-intake", STEP_TIMEOUT);
    }

    /** Connects and starts reading on a thread of its own. */
    public synchronized void start() {
        if (quarantine != null) {
            throw new IllegalStateException("the alert intake is already started");
        }
        quarantine = new QuarantineWriter(settings.kafka(), "anju-cases-quarantine", STEP_TIMEOUT);
        AtomicInteger n = new AtomicInteger();
        appliers = Executors.newFixedThreadPool(settings.concurrency(),
                r -> new Thread(r, "alert-intake-apply-" + n.incrementAndGet()));
        loop.start(new BatchIntakeLoop.Step() {
            @Override
            public boolean handle(ConsumerRecords<byte[], byte[]> records) throws InterruptedException {
                boolean held = !records.isEmpty() && apply(new KeyLanes(records, decoder));
                commit();
                updateLag();
                return held;
            }

            @Override
            public void finish() {
                commit();
                appliers.shutdownNow();
                quarantine.close();
            }
        });
    }

    /** Reading, and the case store is taking alerts. */
    public boolean healthy() {
        return loop.running() && !outage.get();
    }

    /** Records of the assigned partitions not yet read, as of the last poll; -1 before the first. */
    public long lag() {
        return lag;
    }

    /** Finishes the records in hand, commits what is done and stops. */
    @Override
    public void close() {
        loop.close();
    }

    /**
     * Applies the batch's shares of alerts, {@link IntakeSettings#concurrency} transactions at a time, and quarantines
     * its unusable records; then notes what may be committed and seeks each unfinished partition back to its first
     * record not done. Returns true when a record was held back for a retry (rather than left because the intake is
     * stopping).
     */
    private boolean apply(KeyLanes batch) throws InterruptedException {
        List<Callable<Void>> work = new ArrayList<>();
        for (List<List<KeyLanes.Item>> share : batch.shares(settings.concurrency())) {
            work.add(() -> {
                applyTogether(share);
                return null;
            });
        }
        for (List<KeyLanes.Item> lane : batch.unusable()) {
            work.add(() -> {
                applyInOrder(lane);
                return null;
            });
        }
        for (var result : appliers.invokeAll(work)) {
            try {
                result.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("an alert lane failed unexpectedly", e.getCause());
            }
        }
        done.putAll(batch.committable());
        Map<TopicPartition, Long> resume = batch.resumeAt();
        // Not finished this round: the next poll must return them again (close() leaves them uncommitted).
        resume.forEach(loop.consumer()::seek);
        return !resume.isEmpty() && !loop.stopping();
    }

    /**
     * The share's lanes in one transaction. If the store refused it (a record it refuses, a write race), lane by lane
     * and record by record, each in a transaction of its own, which quarantines the record at fault; if the store did
     * not answer, the whole share is held for the retry.
     */
    private void applyTogether(List<List<KeyLanes.Item>> share) {
        if (loop.stopping()) {
            return;
        }
        List<List<Alert>> lanes = share.stream().map(lane -> lane.stream().map(KeyLanes.Item::alert).toList()).toList();
        int records = lanes.stream().mapToInt(List::size).sum();
        try {
            cases.applyAlerts(lanes).toCompletionStage().toCompletableFuture()
                    .get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (TimeoutException e) {
            held(share.get(0).get(0).record(), "no answer from the case store within " + STEP_TIMEOUT.toSeconds() + " s");
            return;
        } catch (ExecutionException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (!(cause instanceof CaseException || cause instanceof PgException)) {
                // The store did not answer (an outage): the whole share waits for the retry, as one record would.
                held(share.get(0).get(0).record(), cause.toString());
                return;
            }
            LOG.debug("a transaction of {} alert records failed ({}); applying them one at a time", records,
                    cause.toString());
            metrics.sharedFailed();
            share.forEach(this::applyInOrder);
            return;
        }
        metrics.shared(records);
        long now = System.currentTimeMillis();
        for (List<KeyLanes.Item> lane : share) {
            for (KeyLanes.Item item : lane) {
                metrics.applied(item.alert().emittedAt(), now);
                item.done();
            }
        }
        recovered();
    }

    /** One key's records, one after the other; a held record stops the lane, so nothing of its key overtakes it. */
    private void applyInOrder(List<KeyLanes.Item> lane) {
        for (KeyLanes.Item item : lane) {
            if (loop.stopping() || handle(item) == Outcome.RETRY) {
                return;
            }
            item.done();
        }
    }

    private Outcome handle(KeyLanes.Item item) {
        ConsumerRecord<byte[], byte[]> r = item.record();
        if (item.decoded() instanceof DecodedAlert.Invalid bad) {
            return quarantine(r, bad);
        }
        Alert alert = ((DecodedAlert.Valid) item.decoded()).alert();
        try {
            cases.applyAlert(alert).toCompletionStage().toCompletableFuture()
                    .get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            metrics.applied(alert.emittedAt(), System.currentTimeMillis());
            attempts.done(r);
            recovered();
            return Outcome.DONE;
        } catch (ExecutionException e) {
            return failedApply(r, alert, e.getCause());
        } catch (RuntimeException e) {
            return failedApply(r, alert, e);
        } catch (TimeoutException e) {
            return held(r, "no answer from the case store within " + STEP_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.RETRY;
        }
    }

    /**
     * A refusal of the alert itself is final. An error the store gave for this record (not an outage) is retried up to
     * {@link IntakeSettings#maxAttempts} times, then quarantined; an outage or a write race is retried as long as it
     * lasts.
     */
    private Outcome failedApply(ConsumerRecord<byte[], byte[]> r, Alert alert, Throwable cause) {
        if (cause instanceof CaseException refused && refused.kind() != CaseException.Kind.CONFLICT) {
            return quarantine(r, new DecodedAlert.Invalid("rejected", "case service refused alert " + alert.id()
                    + " revision " + alert.revision() + ": " + refused.getMessage()));
        }
        if (attempts.exhausted(r, cause)) {
            return quarantine(r, new DecodedAlert.Invalid("unapplicable", "the case store refused alert " + alert.id()
                    + " revision " + alert.revision() + " " + attempts.max() + " times: " + cause.getMessage()));
        }
        return held(r, cause.toString());
    }

    private Outcome quarantine(ConsumerRecord<byte[], byte[]> r, DecodedAlert.Invalid why) {
        String failed;
        try {
            failed = quarantine.write(r, why.code(), why.reason());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.RETRY;
        }
        if (failed != null) {
            return held(r, failed);
        }
        metrics.quarantined(why.code());
        return Outcome.DONE;
    }

    /** Logs once per outage; every retry is counted. */
    private Outcome held(ConsumerRecord<byte[], byte[]> r, String why) {
        metrics.retried();
        outageRetries.incrementAndGet();
        if (outage.compareAndSet(false, true)) {
            LOG.warn("alert record {}-{}@{} not applied ({}); holding it and retrying every {} ms", r.topic(),
                    r.partition(), r.offset(), why, settings.retryBackoff().toMillis());
        }
        return Outcome.RETRY;
    }

    private void recovered() {
        if (outage.compareAndSet(true, false)) {
            LOG.info("alerts are applied again after {} retries", outageRetries.getAndSet(0));
        }
    }

    /** Not lost if it fails: the records are read again and the service ignores them as repeats. */
    private void commit() {
        if (!done.isEmpty()) {
            loop.commit(done, "alert");
            done.clear();
        }
    }

    private void updateLag() {
        long sum = 0;
        KafkaConsumer<byte[], byte[]> consumer = loop.consumer();
        for (TopicPartition tp : consumer.assignment()) {
            var l = consumer.currentLag(tp);
            if (l.isEmpty()) {
                return;
            }
            sum += l.getAsLong();
        }
        lag = sum;
    }
}
