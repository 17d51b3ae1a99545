package io.anju.gateway.protect;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code ratePerSecond} tokens refill continuously up to {@code burst}. Not thread-safe; callers
 * either confine it to one event loop or synchronize on it.
 */
public final class TokenBucket {
    private final double ratePerNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long lastRefill;

    public TokenBucket(double ratePerSecond, double burst, LongSupplier nanoClock) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.lastRefill = nanoClock.getAsLong();
    }

    /** Takes one token if there is one. */
    public boolean tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Nanoseconds until one token is available again (0 if one is available now). */
    public long nanosUntilToken() {
        refill();
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / ratePerNano);
    }

    /** True once the bucket has refilled completely: whoever it limits has been quiet long enough to be forgotten. */
    public boolean isFull() {
        refill();
        return tokens >= burst;
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - lastRefill) * ratePerNano);
        lastRefill = now;
    }
}
