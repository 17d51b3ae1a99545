package io.anju.gateway.kafka;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The only thread that calls {@link Producer#send}: {@code send} may block on metadata or a full buffer, and the
 * Netty event loops that hand records over must never block. Records are queued and sent in arrival order.
 */
final class KafkaSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSender.class);
    private static final int BATCH = 1024;

    /** One record to write and what to do with its outcome (exception null on success). */
    record Outgoing(String topic, byte[] key, byte[] value, BiConsumer<Long, Exception> done) {
    }

    private final Producer<byte[], byte[]> producer;
    private final BlockingQueue<Outgoing> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    KafkaSender(Producer<byte[], byte[]> producer, String name) {
        this.producer = producer;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues a record; never blocks. After {@link #close} the record fails at once. */
    void submit(Outgoing out) {
        if (!running) {
            out.done().accept(System.nanoTime(), new IllegalStateException("kafka sender closed"));
            return;
        }
        queue.add(out);
    }

    private void run() {
        List<Outgoing> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Outgoing first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                for (Outgoing out : batch) {
                    send(out);
                }
                batch.clear();
            } catch (InterruptedException e) {
                running = false;
                Thread.currentThread().interrupt();
            }
        }
        failRemaining(batch);
    }

    private void send(Outgoing out) {
        long start = System.nanoTime();
        try {
            producer.send(new ProducerRecord<>(out.topic(), out.key(), out.value()),
                    (metadata, exception) -> out.done().accept(start, exception));
        } catch (RuntimeException e) {
            // Serialisation, buffer exhaustion past max.block.ms, or a closed producer: the record was never queued.
            out.done().accept(start, e);
        }
    }

    private void failRemaining(List<Outgoing> batch) {
        queue.drainTo(batch);
        for (Outgoing out : batch) {
            out.done().accept(System.nanoTime(), new IllegalStateException("kafka sender closed"));
        }
    }

    /** Stops taking records, sends what is queued (waiting at most {@code timeout}), then closes the producer. */
    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    void close(Duration timeout) {
        running = false;
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
        // A record submitted while the thread was stopping would otherwise wait forever.
        failRemaining(new ArrayList<>());
        producer.close(timeout);
        LOG.debug("kafka sender closed");
    }
}
