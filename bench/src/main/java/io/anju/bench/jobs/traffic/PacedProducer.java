package io.anju.bench.jobs.traffic;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Writes the traffic at a steady rate from one thread: every ~1 ms it sends what is due by then, each envelope
 * stamped with the wall clock at the moment it is handed to the producer (its publish time, as {@code ts} and
 * {@code receivedAt}). It never skips: when it falls behind it catches up, and {@link #takeMaxBehindMs()} says by how
 * much it fell behind, so a rate the producer itself could not keep shows as such. Over the first {@code ramp} the
 * rate rises linearly from 0 to its full value, so a job that is still starting (JIT, first checkpoints) does not
 * begin the measurement with a pile of its warm-up's records to drain.
 */
public final class PacedProducer implements AutoCloseable {
    private static final long STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Messages handed to the producer so far, by kind; send errors reported back by Kafka. */
    public record Counts(long sent, long chargers, long overloads, long errors) {
        public Counts minus(Counts earlier) {
            return new Counts(sent - earlier.sent, chargers - earlier.chargers, overloads - earlier.overloads,
                    errors - earlier.errors);
        }
    }

    private final KafkaProducer<byte[], byte[]> producer;
    private final Traffic traffic;
    private final double perNano;
    private final long rampNanos;
    private final Consumer<Message> onOverload;
    private final AtomicLongArray byKind = new AtomicLongArray(Kind.values().length);
    private final AtomicLong overloads = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong maxBehindNanos = new AtomicLong();
    private final Callback countErrors = (meta, e) -> {
        if (e != null) {
            errors.incrementAndGet();
        }
    };
    private final Thread thread;
    private volatile boolean running = true;

    /** @param onOverload told of every overload reading just before it is sent */
    public PacedProducer(KafkaProducer<byte[], byte[]> producer, Traffic traffic, double ratePerSecond,
                         Duration ramp, Consumer<Message> onOverload) {
        this.producer = producer;
        this.traffic = traffic;
        this.perNano = ratePerSecond / 1e9;
        this.rampNanos = ramp.toNanos();
        this.onOverload = onOverload;
        this.thread = new Thread(this::run, "bench-paced-producer");
        this.thread.setDaemon(true);
    }

    public PacedProducer start() {
        thread.start();
        return this;
    }

    private void run() {
        long start = System.nanoTime();
        long sent = 0;
        while (running) {
            long now = System.nanoTime();
            long due = dueBy(now - start);
            if (sent < due) {
                // How long ago the oldest unsent message was due.
                long behind = now - start - dueAt(sent);
                maxBehindNanos.accumulateAndGet(behind, Math::max);
                for (; sent < due && running; sent++) {
                    send(traffic.next(System.currentTimeMillis()));
                }
            }
            LockSupport.parkNanos(STEP_NANOS);
        }
    }

    /** How many messages are due {@code elapsed} ns after the start: the integral of the ramped rate. */
    private long dueBy(long elapsed) {
        if (elapsed < rampNanos) {
            return (long) (perNano * elapsed * (double) elapsed / (2.0 * rampNanos));
        }
        return (long) (perNano * (elapsed - rampNanos / 2.0));
    }

    /** When, in ns after the start, message number {@code n} is due: the inverse of {@link #dueBy}. */
    private long dueAt(long n) {
        double atRampEnd = perNano * rampNanos / 2.0;
        if (n < atRampEnd) {
            return (long) Math.sqrt(2.0 * rampNanos * n / perNano);
        }
        return (long) (n / perNano + rampNanos / 2.0);
    }

    private void send(Message m) {
        if (m.overload()) {
            onOverload.accept(m);
            overloads.incrementAndGet();
        }
        producer.send(new ProducerRecord<>(m.topic(), m.key(), m.value()), countErrors);
        byKind.incrementAndGet(m.kind().ordinal());
    }

    public Counts counts() {
        long sent = 0;
        for (int i = 0; i < byKind.length(); i++) {
            sent += byKind.get(i);
        }
        return new Counts(sent, byKind.get(Kind.CHARGER.ordinal()), overloads.get(), errors.get());
    }

    /** The most the producer fell behind its schedule since the last call, in ms (up to one 1 ms step is normal). */
    public long takeMaxBehindMs() {
        return TimeUnit.NANOSECONDS.toMillis(maxBehindNanos.getAndSet(0));
    }

    /** Stops sending and waits for what was sent to be acknowledged (at most 30 s). */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(10));
        producer.close(Duration.ofSeconds(30));
    }
}
