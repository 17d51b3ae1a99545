package io.anju.gateway.protect;

import io.netty.util.concurrent.EventExecutor;

import java.util.concurrent.TimeUnit;

/**
 * A rate limit that slows a device down instead of refusing it: a packet over the rate is still handled, but the
 * socket is not read until the bucket has a token again, so TCP flow control holds the device back and nothing is
 * dropped. Confined to the channel's event loop.
 */
public final class ReadThrottle {
    /** Shortest pause: a bucket a hair short of a token would otherwise be polled in a busy loop. */
    private static final long MIN_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final TokenBucket bucket;
    private final ReadGate gate;
    private final ReadGate.Reason reason;
    private final EventExecutor executor;

    /** {@code executor} is the channel's event loop, on which the gate is resumed. */
    public ReadThrottle(TokenBucket bucket, ReadGate gate, ReadGate.Reason reason, EventExecutor executor) {
        this.bucket = bucket;
        this.gate = gate;
        this.reason = reason;
        this.executor = executor;
    }

    /** Counts one packet; false when it was over the rate (reading then pauses until a token is back). */
    public boolean take() {
        if (bucket.tryTake()) {
            return true;
        }
        if (!gate.isPaused(reason)) {
            gate.pause(reason);
            long wait = Math.max(bucket.nanosUntilToken(), MIN_PAUSE_NANOS);
            executor.schedule(() -> gate.resume(reason), wait, TimeUnit.NANOSECONDS);
        }
        return false;
    }
}
