package io.anju.gateway.kafka;

import io.anju.gateway.ingest.Ingest.BackpressureListener;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the bytes and records handed to ingest but not yet acknowledged or failed, and tells the listener when the
 * bytes pass the high-water mark ({@code paused}) and when they fall below the low-water mark ({@code resumed}).
 * Transitions alternate strictly and are made under a lock with a fresh reading, so concurrent reservations and
 * releases cannot leave the listener paused while the budget is empty.
 */
final class InFlightBudget {
    private static final BackpressureListener NONE = new BackpressureListener() {
        @Override
        public void paused() {
        }

        @Override
        public void resumed() {
        }
    };

    private final long highWater;
    private final long lowWater;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private volatile BackpressureListener listener = NONE;
    private volatile boolean paused;

    InFlightBudget(long highWater, long lowWater) {
        this.highWater = highWater;
        this.lowWater = lowWater;
    }

    void setListener(BackpressureListener listener) {
        this.listener = listener == null ? NONE : listener;
    }

    void reserve(long size) {
        records.incrementAndGet();
        long now = bytes.addAndGet(size);
        if (!paused && now > highWater) {
            settle();
        }
    }

    void release(long size) {
        long now = bytes.addAndGet(-size);
        records.decrementAndGet();
        if (paused && now < lowWater) {
            settle();
        }
    }

    long bytes() {
        return bytes.get();
    }

    long records() {
        return records.get();
    }

    boolean isPaused() {
        return paused;
    }

    private synchronized void settle() {
        for (int i = 0; i < 2; i++) {
            long now = bytes.get();
            if (!paused && now > highWater) {
                paused = true;
                listener.paused();
            } else if (paused && now < lowWater) {
                paused = false;
                listener.resumed();
            } else {
                return;
            }
        }
    }
}
