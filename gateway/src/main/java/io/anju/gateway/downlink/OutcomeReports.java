package io.anju.gateway.downlink;

import io.anju.common.json.Json;
import io.anju.common.topic.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes delivery reports to {@code anju.command-results}. A report Kafka did not take is written again every
 * {@code backoff} until it is acknowledged or this is closed: it is never dropped, and it never holds up the reports
 * after it. Sends and completions run on a thread of its own: not the caller's (a device's event loop must never wait
 * for Kafka) and not the producer's I/O thread (what follows a report, the device's next command, may send again).
 */
final class OutcomeReports implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutcomeReports.class);

    private final Producer<String, byte[]> producer;
    private final Duration backoff;
    private final ScheduledExecutorService completions;
    private final AtomicInteger retrying = new AtomicInteger();
    private volatile boolean closed;

    OutcomeReports(Producer<String, byte[]> producer, Duration backoff, String threadName) {
        this.producer = producer;
        this.backoff = backoff;
        this.completions = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Sends {@code report}; {@code onAcknowledged} runs once Kafka acknowledged it, after however many attempts. The
     * result completes when the first attempt is acknowledged or has failed (the report is then retried on its own).
     */
    CompletableFuture<Void> send(DeliveryReport report, Runnable onAcknowledged) {
        CompletableFuture<Void> firstAttempt = new CompletableFuture<>();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.COMMAND_RESULTS, report.deviceId(),
                Json.toBytes(report));
        // Sent from this thread: a send may block (up to max.block.ms) when Kafka is away, and the caller may be a
        // device's event loop.
        onCompletionThread(() -> attempt(record, onAcknowledged, firstAttempt, false));
        return firstAttempt;
    }

    /** Reports waiting to be written again. */
    int retrying() {
        return retrying.get();
    }

    private void attempt(ProducerRecord<String, byte[]> record, Runnable onAcknowledged, CompletableFuture<Void> firstAttempt,
                         boolean again) {
        try {
            producer.send(record, (md, e) -> onCompletionThread(() -> attempted(record, onAcknowledged, firstAttempt, again, e)));
        } catch (RuntimeException e) {
            attempted(record, onAcknowledged, firstAttempt, again, e);
        }
    }

    private void attempted(ProducerRecord<String, byte[]> record, Runnable onAcknowledged, CompletableFuture<Void> firstAttempt,
                           boolean again, Exception error) {
        if (error == null) {
            onAcknowledged.run();
            if (again && retrying.decrementAndGet() == 0) {
                LOG.info("delayed command reports all written to {}", Topics.COMMAND_RESULTS);
            }
            firstAttempt.complete(null);
            return;
        }
        if (closed) {
            LOG.warn("command report for {} not written ({}); its command is read again after a restart", record.key(),
                    error.toString());
            firstAttempt.complete(null);
            return;
        }
        if (!again && retrying.getAndIncrement() == 0) {
            LOG.warn("command reports not written to {} ({}); retrying every {} ms", Topics.COMMAND_RESULTS,
                    error.toString(), backoff.toMillis());
        }
        firstAttempt.complete(null);
        try {
            completions.schedule(() -> attempt(record, onAcknowledged, firstAttempt, true), backoff.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closed meanwhile: the command was not committed and is read again after a restart.
        }
    }

    private void onCompletionThread(Runnable r) {
        try {
            completions.execute(r);
        } catch (RejectedExecutionException e) {
            // Closed: the report is not written, its command not committed; it is read again after a restart.
        }
    }

    /** Stops retrying; the producer is the caller's to close. */
    @Override
    public void close() {
        closed = true;
        completions.shutdownNow();
    }
}
