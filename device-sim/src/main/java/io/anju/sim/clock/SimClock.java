package io.anju.sim.clock;

import io.anju.common.model.DistrictTime;
import java.util.function.LongSupplier;

/**
 * Simulated time: starts at a chosen instant and runs {@code speed} simulated seconds per real second.
 * Device {@code ts} fields are simulated time, so a day of behaviour can be played in minutes.
 */
public final class SimClock {
    /** Hour-of-day profiles (evening charging peak, visitor flows) are read in Xi'an local time. */

    private final long simStartMs;
    private final double speed;
    private final LongSupplier realNanos;
    private volatile long realStartNanos;
    private volatile boolean running;

    public SimClock(long simStartMs, double speed) {
        this(simStartMs, speed, System::nanoTime);
    }

    /** A clock that stands at {@code simStartMs} until {@link #start()}: a scenario begins once its fleet is online. */
    public static SimClock stopped(long simStartMs, double speed) {
        SimClock clock = new SimClock(simStartMs, speed, System::nanoTime);
        clock.running = false;
        return clock;
    }

    /** Lets a {@link #stopped} clock run from now on (no effect on a running clock). */
    public synchronized void start() {
        if (!running) {
            realStartNanos = realNanos.getAsLong();
            running = true;
        }
    }

    public boolean running() {
        return running;
    }

    public SimClock(long simStartMs, double speed, LongSupplier realNanos) {
        this(simStartMs, speed, realNanos, realNanos.getAsLong());
    }

    private SimClock(long simStartMs, double speed, LongSupplier realNanos, long realStartNanos) {
        if (!(speed > 0) || speed > 100_000) {
            throw new IllegalArgumentException("--speed must be > 0 and <= 100000, was " + speed);
        }
        this.simStartMs = simStartMs;
        this.speed = speed;
        this.realNanos = realNanos;
        this.realStartNanos = realStartNanos;
        this.running = true;
    }

    /**
     * A clock anyone can predict ({@code --clock-anchor}): it read {@code anchorMs} when the wall clock did, and runs
     * {@code speed} times as fast since, so at wall time {@code w} it reads {@code anchorMs + (w − anchorMs) × speed}.
     * A watcher that knows the anchor and the speed knows what the device's clock should say. Always running.
     */
    public static SimClock anchored(long anchorMs, double speed) {
        return anchored(anchorMs, speed, System::currentTimeMillis);
    }

    /** {@link #anchored(long, double)} against the given wall clock (Unix ms). */
    public static SimClock anchored(long anchorMs, double speed, LongSupplier wallMs) {
        return new SimClock(anchorMs, speed, () -> wallMs.getAsLong() * 1_000_000L, anchorMs * 1_000_000L);
    }

    /** Simulated Unix milliseconds now. */
    public long now() {
        if (!running) {
            return simStartMs;
        }
        long realElapsedNanos = realNanos.getAsLong() - realStartNanos;
        return simStartMs + (long) (realElapsedNanos / 1_000_000.0 * speed);
    }

    public long startMs() {
        return simStartMs;
    }

    public double speed() {
        return speed;
    }

    /** How long, in real milliseconds, a span of simulated milliseconds takes. */
    public long realMillisFor(long simMillis) {
        return (long) Math.ceil(simMillis / speed);
    }
}
