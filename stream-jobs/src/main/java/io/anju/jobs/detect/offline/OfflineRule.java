package io.anju.jobs.detect.offline;

import io.anju.jobs.input.DeviceSeen;

import java.io.Serializable;

/**
 * The offline rule without Flink: how a message changes what is known of a device, when its silence becomes an
 * outage, and which message ends one. Silence is measured on the gateway's clock: every time here is the time the
 * gateway received the message ({@link #heardAt}), so no device clock, however wrong, makes a device look silent or
 * alive, and a reading counted at another time by the clock rule does not either.
 */
public final class OfflineRule implements Serializable {
    private final OfflineSettings settings;

    public OfflineRule(OfflineSettings settings) {
        this.settings = settings;
    }

    /** When the gateway received {@code m}: its receive time, or its event time for an envelope without one. */
    public static long heardAt(DeviceSeen m) {
        return m.receivedAt() > 0 ? m.receivedAt() : m.ts();
    }

    /** The time at which the device is offline unless another live message arrives. */
    public long deadline(Liveness liveness) {
        return liveness.silenceStart() + settings.timeout(liveness.type()).toMillis();
    }

    /**
     * The state after message {@code m}, or null when {@code m} is a stale live message (older than the newest one
     * already seen) that must not move the silence clock backwards.
     */
    public Liveness observe(Liveness current, DeviceSeen m) {
        if (m.offline()) {
            // An offline status is evidence, not liveness: it never restarts the silence clock. A Will is received
            // when the gateway publishes it, at the drop, though the device stamped it at the connect before.
            if (current == null) {
                return new Liveness(m.type(), m.location(), null, heardAt(m));
            }
            return new Liveness(current.type(), current.location(), current.lastAliveTs(), heardAt(m));
        }
        if (current != null && current.lastAliveTs() != null && heardAt(m) < current.lastAliveTs()) {
            return null;
        }
        return new Liveness(m.type(), m.location(), heardAt(m), null);
    }

    /**
     * True when {@code m} ends an outage raised at {@code raisedAt}: a live message received after the raise. One
     * received before it (replayed late) only shows the device was alive a little longer; it moves the deadline.
     */
    public static boolean endsOutage(DeviceSeen m, long raisedAt) {
        return !m.offline() && heardAt(m) >= raisedAt;
    }

    public OfflineSettings settings() {
        return settings;
    }
}
