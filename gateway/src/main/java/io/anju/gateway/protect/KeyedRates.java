package io.anju.gateway.protect;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A {@link TokenBucket} per key (a device id, an address), at most {@code capacity} of them: keys beyond that share
 * one bucket, so a flood of new keys costs no memory. Buckets that refilled completely (their key went quiet) are
 * forgotten, at most once a second. Thread-safe.
 */
public final class KeyedRates {
    private static final long PURGE_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private final double ratePerSecond;
    private final double burst;
    private final int capacity;
    private final LongSupplier nanoClock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final TokenBucket overflow;
    private final AtomicLong lastPurge;

    public KeyedRates(double ratePerSecond, double burst, int capacity, LongSupplier nanoClock) {
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.capacity = capacity;
        this.nanoClock = nanoClock;
        this.overflow = new TokenBucket(ratePerSecond, burst, nanoClock);
        this.lastPurge = new AtomicLong(nanoClock.getAsLong());
    }

    /** Takes a token of {@code key}'s bucket if it has one. */
    public boolean tryTake(String key) {
        TokenBucket b = buckets.get(key);
        if (b == null) {
            purgeIfDue();
            b = buckets.size() >= capacity ? overflow
                    : buckets.computeIfAbsent(key, k -> new TokenBucket(ratePerSecond, burst, nanoClock));
        }
        synchronized (b) {
            return b.tryTake();
        }
    }

    int size() {
        return buckets.size();
    }

    private void purgeIfDue() {
        long now = nanoClock.getAsLong();
        long last = lastPurge.get();
        if (now - last >= PURGE_EVERY_NANOS && lastPurge.compareAndSet(last, now)) {
            buckets.values().removeIf(b -> {
                synchronized (b) {
                    return b.isFull();
                }
            });
        }
    }
}
