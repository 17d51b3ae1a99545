package io.anju.gateway.downlink;

import io.anju.common.command.DeliveryReport;

import io.anju.common.json.Json;
import io.anju.common.topic.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes delivery reports to {@code anju.command-results}, in the order they are given, from a thread of its own: a
 * send blocks while Kafka is away (up to the producer's {@code max.block.ms}), and no delivery may wait for that. A
 * report Kafka did not take is written again every {@code backoff} until it is acknowledged or this is closed: it is
 * never dropped, and it holds up no other report.
 */
final class OutcomeReports implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutcomeReports.class);

    private final Producer<String, byte[]> producer;
    private final Duration backoff;
    private final ScheduledExecutorService sender;
    private final AtomicInteger retrying = new AtomicInteger();
    private volatile boolean closed;

    OutcomeReports(Producer<String, byte[]> producer, Duration backoff, String threadName) {
        this.producer = producer;
        this.backoff = backoff;
        this.sender = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues {@code report}; {@code onAcknowledged} runs, on any thread, once Kafka acknowledged it. */
    void send(DeliveryReport report, Runnable onAcknowledged) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.COMMAND_RESULTS, report.deviceId(),
                Json.toBytes(report));
        onSender(() -> attempt(record, onAcknowledged, false), 0);
    }

    /** Reports waiting to be written again. */
    int retrying() {
        return retrying.get();
    }

    private void attempt(ProducerRecord<String, byte[]> record, Runnable onAcknowledged, boolean again) {
        try {
            producer.send(record, (md, e) -> attempted(record, onAcknowledged, again, e));
        } catch (RuntimeException e) {
            attempted(record, onAcknowledged, again, e);
        }
    }

    private void attempted(ProducerRecord<String, byte[]> record, Runnable onAcknowledged, boolean again, Exception error) {
        if (error == null) {
            onAcknowledged.run();
            if (again && retrying.decrementAndGet() == 0) {
                LOG.info("delayed command reports all written to {}", Topics.COMMAND_RESULTS);
            }
            return;
        }
        if (closed) {
            LOG.warn("command report for {} not written ({}); its command is read again after a restart", record.key(),
                    error.toString());
            return;
        }
        if (!again && retrying.getAndIncrement() == 0) {
            LOG.warn("command reports not written to {} ({}); retrying every {} ms", Topics.COMMAND_RESULTS,
                    error.toString(), backoff.toMillis());
        }
        onSender(() -> attempt(record, onAcknowledged, true), backoff.toMillis());
    }

    private void onSender(Runnable r, long delayMs) {
        try {
            sender.schedule(r, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closed: the report is not written, its command not committed; it is read again after a restart.
        }
    }

    /** Stops sending and retrying; the producer is the caller's to close. */
    @Override
    public void close() {
        closed = true;
        sender.shutdownNow();
    }
}
