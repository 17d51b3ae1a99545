package io.anju.gateway.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.model.Channel;
import io.anju.common.topic.Topics;
import io.anju.gateway.ingest.InboundMessage;
import io.anju.gateway.ingest.Ingest;
import io.anju.gateway.ingest.IngestResult;
import io.anju.gateway.snapshot.BlobStore;
import io.anju.gateway.snapshot.FileBlobStore;
import io.anju.gateway.snapshot.SnapshotOwner;
import io.anju.gateway.validate.AwaitedReplies;
import io.anju.gateway.validate.PayloadValidator;
import io.anju.gateway.validate.Validation;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@link Ingest} into Kafka: validates each payload, wraps it in the canonical envelope and writes it keyed by
 * device id; invalid payloads, and command replies that answer no command sent to the device ({@link AwaitedReplies}),
 * go to the quarantine topic, snapshots to the blob store with a reference record.
 *
 * <p>Never blocks the caller (a Netty event loop): records are handed to a dedicated sender thread and snapshot
 * images to a store thread. The returned stage completes on a Kafka client thread, {@code Accepted} or
 * {@code Quarantined} only once Kafka acknowledged the record, {@code Unavailable} when it could not be written.
 * Bytes in flight are tracked against the producer buffer to drive the backpressure listener.
 */
public final class KafkaIngest implements Ingest, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaIngest.class);

    private final DownstreamSettings settings;
    private final PayloadValidator validator;
    private final AwaitedReplies awaitedReplies;
    private final RecordFactory records;
    private final BlobStore blobs;
    private final InFlightBudget budget;
    private final IngestMetrics metrics;
    private final KafkaSender sender;
    private final ExecutorService snapshotStore;
    private volatile boolean closed;

    /**
     * Creates the topics if missing and connects the producer; fails fast when the broker cannot be reached.
     *
     * @param awaitedReplies the replies the node's command relay awaits (it shares this with the relay)
     */
    public KafkaIngest(DownstreamSettings settings, BlobStore blobs, AwaitedReplies awaitedReplies, MeterRegistry meters) {
        this.settings = settings;
        this.validator = new PayloadValidator(settings.payloadMaxBytes(), settings.snapshotMaxBytes());
        this.awaitedReplies = awaitedReplies;
        this.records = new RecordFactory(settings.nodeId(), settings.clockSkewTolerance().toMillis(), settings.payloadMaxBytes());
        this.blobs = blobs;
        this.budget = new InFlightBudget(settings.highWaterBytes(), settings.lowWaterBytes());
        this.metrics = new IngestMetrics(meters, budget);
        KafkaTopics.ensure(settings);
        Producer<byte[], byte[]> producer = new KafkaProducer<>(ProducerSettings.of(settings));
        // Fetch metadata now, so the first sends do not wait for it.
        KafkaTopics.gatewayTopics().forEach(producer::partitionsFor);
        this.sender = new KafkaSender(producer, "anju-kafka-sender-" + settings.nodeId());
        this.snapshotStore = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "anju-snapshot-store");
            t.setDaemon(true);
            return t;
        });
        LOG.info("Kafka ingest connected to {} (buffer {} bytes, pause above {}, resume below {})",
                settings.bootstrapServers(), settings.bufferMemoryBytes(), settings.highWaterBytes(), settings.lowWaterBytes());
    }

    /** Same, with the snapshots in a {@link FileBlobStore} under {@link DownstreamSettings#snapshotDir()}. */
    public KafkaIngest(DownstreamSettings settings, AwaitedReplies awaitedReplies, MeterRegistry meters) {
        this(settings, new FileBlobStore(settings.snapshotDir()), awaitedReplies, meters);
    }

    @Override
    public CompletionStage<IngestResult> accept(InboundMessage m) {
        CompletableFuture<IngestResult> result = new CompletableFuture<>();
        if (closed) {
            result.complete(new IngestResult.Unavailable("gateway is shutting down"));
            return result;
        }
        Validation verdict = validator.validate(m.device().type(), m.channel(), m.snapshotId(), m.payload());
        if (verdict instanceof Validation.Valid reply && m.channel() == Channel.COMMAND_REPLY) {
            verdict = awaitedReplies.check(m.device().id(), reply);
        }
        if (verdict instanceof Validation.Invalid invalid) {
            metrics.quarantined(invalid.code());
            send(m, Topics.QUARANTINE, records.quarantine(m, invalid.reason()), new IngestResult.Quarantined(invalid.reason()), result);
        } else if (m.channel() == Channel.SNAPSHOT) {
            storeSnapshot(m, result);
        } else {
            JsonNode json = ((Validation.Valid) verdict).json();
            send(m, RecordFactory.topicOf(m), records.envelope(m, json), IngestResult.ACCEPTED, result);
        }
        return result;
    }

    /** The image is written to disk off the event loop; its bytes count as in flight until the reference is acked. */
    private void storeSnapshot(InboundMessage m, CompletableFuture<IngestResult> result) {
        long imageBytes = m.payload().length;
        budget.reserve(imageBytes);
        result.whenComplete((r, e) -> budget.release(imageBytes));
        try {
            snapshotStore.execute(() -> {
                String sha;
                try {
                    sha = blobs.put(SnapshotOwner.of(m.device()), m.payload());
                } catch (RuntimeException e) {
                    LOG.warn("snapshot {} of {} not stored: {}", m.snapshotId(), m.device().id(), e.toString());
                    result.complete(new IngestResult.Unavailable("snapshot store failed: " + e.getMessage()));
                    return;
                }
                send(m, RecordFactory.topicOf(m), records.snapshotReference(m, sha), IngestResult.ACCEPTED, result);
            });
        } catch (RejectedExecutionException e) {
            result.complete(new IngestResult.Unavailable("gateway is shutting down"));
        }
    }

    private void send(InboundMessage m, String topic, byte[] value, IngestResult onAck, CompletableFuture<IngestResult> result) {
        byte[] key = m.device().id().getBytes(StandardCharsets.UTF_8);
        long size = key.length + value.length;
        budget.reserve(size);
        sender.submit(new KafkaSender.Outgoing(topic, key, value, (start, error) -> {
            budget.release(size);
            if (error == null) {
                metrics.sent(topic, start);
                result.complete(onAck);
            } else {
                metrics.failed(topic);
                result.complete(new IngestResult.Unavailable("kafka: " + error.getClass().getSimpleName() + ": " + error.getMessage()));
            }
        }));
    }

    @Override
    public void setBackpressureListener(BackpressureListener listener) {
        budget.setListener(listener);
    }

    /** Waits until every accepted message has its final outcome, or the timeout passed. */
    @Override
    public void drain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (budget.records() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (budget.records() > 0) {
            LOG.warn("drain timed out with {} records ({} bytes) still in flight", budget.records(), budget.bytes());
        }
    }

    /** Bytes accepted and not yet acknowledged or failed. */
    public long inFlightBytes() {
        return budget.bytes();
    }

    public DownstreamSettings settings() {
        return settings;
    }

    /** Refuses new messages, drains for up to 10 s, then closes the producer (still-pending records fail). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        snapshotStore.shutdown();
        try {
            snapshotStore.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain(Duration.ofSeconds(10));
        sender.close(Duration.ofSeconds(5));
    }
}
