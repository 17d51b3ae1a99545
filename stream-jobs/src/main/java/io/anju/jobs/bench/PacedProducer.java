package io.anju.jobs.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes the traffic at a steady rate, each envelope stamped with the wall clock at the moment it is handed to the
 * producer (its publish time). It sends what is due every ~0.2 ms and never skips: when it falls behind it catches
 * up, and {@link Result#maxBehindMs} says by how much it fell behind, so a rate that was not kept shows.
 */
final class PacedProducer {
    /** What one measured stretch sent. */
    record Result(long sent, long overloads, double seconds, double ratePerSecond, long maxBehindMs, long errors) {
        boolean keptRate(double target) {
            return ratePerSecond >= 0.99 * target && maxBehindMs <= 100;
        }
    }

    private final KafkaProducer<String, byte[]> producer;
    private final Traffic traffic;
    private final double ratePerSecond;
    private final AtomicLong errors = new AtomicLong();

    PacedProducer(KafkaProducer<String, byte[]> producer, Traffic traffic, double ratePerSecond) {
        this.producer = producer;
        this.traffic = traffic;
        this.ratePerSecond = ratePerSecond;
    }

    /** Sends for {@code seconds} at the rate; returns what was sent in that stretch. */
    Result run(double seconds) {
        long errorsBefore = errors.get();
        long overloadsBefore = traffic.overloads();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long sent = 0;
        long maxBehindNanos = 0;
        long now;
        while ((now = System.nanoTime()) < end) {
            long due = (long) ((now - start) / 1e9 * ratePerSecond);
            if (sent >= due) {
                LockSupport.parkNanos(200_000);
                continue;
            }
            long behindNanos = now - start - (long) (sent / ratePerSecond * 1e9);
            maxBehindNanos = Math.max(maxBehindNanos, behindNanos);
            while (sent < due) {
                Traffic.Message m = traffic.next(System.currentTimeMillis(), 0);
                producer.send(new ProducerRecord<>(m.topic(), m.key(), m.value()), (meta, e) -> {
                    if (e != null) {
                        errors.incrementAndGet();
                    }
                });
                sent++;
            }
        }
        double took = (System.nanoTime() - start) / 1e9;
        return new Result(sent, traffic.overloads() - overloadsBefore, took, sent / took,
                TimeUnit.NANOSECONDS.toMillis(maxBehindNanos), errors.get() - errorsBefore);
    }
}
