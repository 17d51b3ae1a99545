package io.anju.gateway.diagnostics;

import io.anju.common.diagnostics.DiagnosticEvent;
import io.anju.common.json.Json;
import io.anju.common.topic.Topics;
import io.anju.gateway.kafka.DownstreamSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes diagnostic records to {@code anju.diagnostics} with a producer of its own, apart from the device data: acks=1
 * (they are best-effort), small buffers and short waits, so that a slow or absent broker costs dropped diagnostics,
 * never memory or the ingest path. The event loops only queue a record (a bounded queue: full means dropped); one
 * thread serialises and sends.
 */
public final class KafkaDiagnosticsSink implements DiagnosticsSink {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaDiagnosticsSink.class);
    private static final int QUEUE = 10_000;
    private static final long BUFFER_BYTES = 4L << 20;
    private static final int MAX_BLOCK_MS = 500;
    private static final int DELIVERY_TIMEOUT_MS = 30_000;
    private static final long LOG_FAILURE_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final Producer<byte[], byte[]> producer;
    private final BlockingQueue<DiagnosticEvent> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Counter dropped;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lastFailureLog = System.nanoTime() - LOG_FAILURE_EVERY_NANOS;

    public KafkaDiagnosticsSink(DownstreamSettings settings, MeterRegistry meters) {
        this.dropped = Counter.builder("anju.gateway.diagnostics.dropped")
                .description("Diagnostic records lost: queue full, or the log did not take them").register(meters);
        this.producer = new KafkaProducer<>(producerSettings(settings));
        this.thread = new Thread(this::run, "anju-diagnostics-" + settings.nodeId());
        this.thread.setDaemon(true);
        this.thread.start();
    }

    static Map<String, Object> producerSettings(DownstreamSettings s) {
        Map<String, Object> p = s.kafka().clientProperties();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "anju-gateway-diagnostics-" + s.nodeId());
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, BUFFER_BYTES);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS - 5_000);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return p;
    }

    @Override
    public boolean offer(DiagnosticEvent event) {
        if (running && queue.offer(event)) {
            return true;
        }
        dropped.increment();
        return false;
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            DiagnosticEvent event;
            try {
                event = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (event != null) {
                send(event);
            }
        }
    }

    private void send(DiagnosticEvent event) {
        byte[] key = event.deviceId() == null ? null : event.deviceId().getBytes(StandardCharsets.UTF_8);
        try {
            producer.send(new ProducerRecord<>(Topics.DIAGNOSTICS, key, Json.toBytes(event)), (metadata, error) -> {
                if (error != null) {
                    failed(error);
                }
            });
        } catch (RuntimeException e) {
            failed(e); // buffer full past max.block.ms, no metadata, or closed
        }
    }

    private void failed(Exception e) {
        dropped.increment();
        long now = System.nanoTime();
        if (now - lastFailureLog >= LOG_FAILURE_EVERY_NANOS) {
            lastFailureLog = now;
            LOG.warn("diagnostic records are being dropped (anju_gateway_diagnostics_dropped_total): {}", e.toString());
        }
    }

    /** Sends what is queued (waiting up to 2 s), then closes the producer. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
        producer.close(Duration.ofSeconds(2));
    }
}
