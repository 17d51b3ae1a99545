package io.anju.sim.link;

import java.util.Random;

/**
 * Exponential back-off with full jitter: before attempt {@code n} (0-based) wait a uniformly random time in
 * {@code [0, min(cap, base · 2^n)]}. Full jitter spreads a district-wide reconnect over the whole window instead
 * of bunching it at the same instants.
 */
public final class Backoff {
    public static final long DEFAULT_BASE_MS = 1_000;
    public static final long DEFAULT_CAP_MS = 120_000;

    private final long baseMs;
    private final long capMs;
    /** Draws the jittered share of the ceiling; null for none (the whole ceiling, every time). */
    private final Random rng;

    public Backoff(long baseMs, long capMs, Random rng) {
        if (baseMs <= 0 || capMs < baseMs) {
            throw new IllegalArgumentException("back-off needs 0 < base <= cap, was base=" + baseMs + " cap=" + capMs);
        }
        this.baseMs = baseMs;
        this.capMs = capMs;
        this.rng = rng;
    }

    /** No back-off at all: the same wait before every attempt, without growth or jitter (a badly written firmware). */
    public static Backoff fixed(long delayMs) {
        return new Backoff(delayMs, delayMs, null);
    }

    /** The upper bound of the wait before attempt {@code attempt}. */
    public long ceilingMs(int attempt) {
        int shift = Math.min(Math.max(attempt, 0), 30);
        return Math.min(capMs, baseMs << shift);
    }

    /** A random wait in {@code [0, ceilingMs(attempt)]} ({@link #fixed}: the ceiling). */
    public synchronized long delayMs(int attempt) {
        return rng == null ? ceilingMs(attempt) : (long) (rng.nextDouble() * (ceilingMs(attempt) + 1));
    }
}
