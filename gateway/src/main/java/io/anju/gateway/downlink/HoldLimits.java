package io.anju.gateway.downlink;

/**
 * How many commands for offline devices the relay holds until they reconnect.
 *
 * @param perDevice at most this many per device (setting {@code commands.maxHeldPerDevice}, default 32; 0 = hold
 *                  nothing and report such commands {@code offline} at once)
 * @param total     at most this many in all (setting {@code commands.maxHeld}, default 100,000)
 */
public record HoldLimits(int perDevice, int total) {
    public static final int DEFAULT_PER_DEVICE = 32;
    public static final int DEFAULT_TOTAL = 100_000;

    public HoldLimits {
        if (perDevice < 0 || perDevice > 1_000) {
            throw new IllegalArgumentException("commands.maxHeldPerDevice must be 0..1000, was " + perDevice);
        }
        if (total < 0 || total > 10_000_000) {
            throw new IllegalArgumentException("commands.maxHeld must be 0..10000000, was " + total);
        }
    }

    public static HoldLimits defaults() {
        return new HoldLimits(DEFAULT_PER_DEVICE, DEFAULT_TOTAL);
    }
}
