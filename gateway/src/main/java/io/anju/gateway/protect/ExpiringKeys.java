package io.anju.gateway.protect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keys remembered until an expiry time of their own, at most {@code capacity} at once: the memory behind the
 * single-use check of signed tokens and behind matching command replies. Keys are filed in time buckets by expiry,
 * so forgetting the expired ones drops whole buckets instead of scanning every key. Thread-safe.
 *
 * @param <K> the key; equal keys are one entry
 */
public final class ExpiringKeys<K> {
    /** What {@link #addIfAbsent} did. */
    public enum Added {
        /** Not remembered before; remembered now. */
        NEW,
        /** Remembered already, and not yet expired. */
        PRESENT,
        /** Not remembered before, and there is no room for it. */
        FULL
    }

    private final int capacity;
    private final long bucketMs;
    private final Map<K, Long> expiries = new HashMap<>();
    /** Bucket number ({@code expiry / bucketMs}) to the keys filed there; a key moved to a later bucket stays listed. */
    private final TreeMap<Long, List<K>> buckets = new TreeMap<>();

    /**
     * @param capacity most keys remembered at once
     * @param bucketMs the expiry granularity of forgetting: an expired key may be held up to this long before its
     *                 bucket is dropped (it no longer counts as present meanwhile)
     */
    public ExpiringKeys(int capacity, long bucketMs) {
        if (capacity < 1 || bucketMs < 1) {
            throw new IllegalArgumentException("capacity and bucketMs must be positive");
        }
        this.capacity = capacity;
        this.bucketMs = bucketMs;
    }

    /** Whether {@code key} is remembered and has not expired at {@code nowMs}. */
    public synchronized boolean contains(K key, long nowMs) {
        forgetExpired(nowMs);
        Long expiry = expiries.get(key);
        return expiry != null && expiry >= nowMs;
    }

    /** Remembers {@code key} until {@code expiresAtMs} unless it is remembered already; never evicts another key. */
    public synchronized Added addIfAbsent(K key, long expiresAtMs, long nowMs) {
        forgetExpired(nowMs);
        Long expiry = expiries.get(key);
        if (expiry != null && expiry >= nowMs) {
            return Added.PRESENT;
        }
        if (expiry == null && expiries.size() >= capacity) {
            return Added.FULL;
        }
        file(key, expiresAtMs);
        return Added.NEW;
    }

    /**
     * Remembers {@code key} until {@code expiresAtMs}, or until its later expiry if it is remembered already. When
     * there is no room, one of the keys expiring soonest is forgotten first; returns whether one was.
     */
    public synchronized boolean put(K key, long expiresAtMs, long nowMs) {
        forgetExpired(nowMs);
        Long expiry = expiries.get(key);
        if (expiry != null && expiry >= expiresAtMs) {
            return false;
        }
        boolean evicted = false;
        if (expiry == null && expiries.size() >= capacity) {
            evictSoonest();
            evicted = true;
        }
        file(key, expiresAtMs);
        return evicted;
    }

    /** Keys remembered, counting expired ones whose bucket was not dropped yet. */
    public synchronized int size() {
        return expiries.size();
    }

    private void file(K key, long expiresAtMs) {
        expiries.put(key, expiresAtMs);
        buckets.computeIfAbsent(Math.floorDiv(expiresAtMs, bucketMs), b -> new ArrayList<>(4)).add(key);
    }

    /** Drops every bucket whose keys have all expired by {@code nowMs}. */
    private void forgetExpired(long nowMs) {
        long current = Math.floorDiv(nowMs, bucketMs);
        while (!buckets.isEmpty() && buckets.firstKey() < current) {
            Map.Entry<Long, List<K>> first = buckets.pollFirstEntry();
            for (K key : first.getValue()) {
                forgetIfFiledIn(key, first.getKey());
            }
        }
    }

    private void evictSoonest() {
        while (!buckets.isEmpty()) {
            Map.Entry<Long, List<K>> first = buckets.firstEntry();
            List<K> keys = first.getValue();
            while (!keys.isEmpty()) {
                if (forgetIfFiledIn(keys.remove(keys.size() - 1), first.getKey())) {
                    if (keys.isEmpty()) {
                        buckets.remove(first.getKey());
                    }
                    return;
                }
            }
            buckets.remove(first.getKey());
        }
    }

    /** Forgets {@code key} if its current expiry is in {@code bucket} (not moved to a later one since); true if so. */
    private boolean forgetIfFiledIn(K key, long bucket) {
        Long expiry = expiries.get(key);
        if (expiry != null && Math.floorDiv(expiry, bucketMs) == bucket) {
            expiries.remove(key);
            return true;
        }
        return false;
    }
}
