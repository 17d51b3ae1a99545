package io.anju.conformance.watch;

import java.util.function.LongSupplier;

/**
 * The device's time as the kit expects it. A real device ({@code speed} 1) keeps wall-clock time. A simulated
 * firmware run {@code speed} times as fast reads {@code anchor + (wall − anchor) × speed}, the {@code anchor} being the
 * kit's start (printed, and given to the simulator as {@code --clock-anchor}). The sandbox gateway stamps receive times
 * on this scale, so every cadence of the contract (heartbeat every 90 s …) is checked in the device's own seconds;
 * only what the device does in real time (its reconnect back-off) is converted back with {@link #realSpan}.
 */
public record TimeScale(long anchorMs, double speed, LongSupplier wallMs) {

    public TimeScale {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0, was " + speed);
        }
    }

    /** The scale of a run starting now: its anchor is now. */
    public static TimeScale anchoredNow(double speed) {
        return new TimeScale(System.currentTimeMillis(), speed, System::currentTimeMillis);
    }

    /** The device's expected time now (Unix ms). */
    public long now() {
        return deviceTime(wallMs.getAsLong());
    }

    /** The device's expected time at wall time {@code wall}. */
    public long deviceTime(long wall) {
        return speed == 1 ? wall : anchorMs + Math.round((wall - anchorMs) * speed);
    }

    /** How long a span of device time took in real time (ms). */
    public double realSpan(long deviceSpanMs) {
        return deviceSpanMs / speed;
    }

    /** How long a span of real time is in device time (ms). */
    public long deviceSpan(long realSpanMs) {
        return Math.round(realSpanMs * speed);
    }
}
