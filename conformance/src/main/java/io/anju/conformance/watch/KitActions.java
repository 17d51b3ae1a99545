package io.anju.conformance.watch;

/**
 * What the kit did to the device's connection, on the kit's {@link TimeScale}; null where it did not (yet).
 *
 * @param droppedAt    when the sandbox dropped the device's connection without DISCONNECT (its Will is due)
 * @param refusedUntil until when the sandbox refused the device's reconnects (from {@code droppedAt} on)
 */
public record KitActions(Long droppedAt, Long refusedUntil) {
    public static final KitActions NONE = new KitActions(null, null);
}
