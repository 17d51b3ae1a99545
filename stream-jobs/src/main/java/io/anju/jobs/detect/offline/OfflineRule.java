package io.anju.jobs.detect.offline;

import io.anju.common.model.LocationChain;
import io.anju.jobs.input.DeviceSeen;

import java.io.Serializable;
import java.util.Objects;

/**
 * The offline rule without Flink: how a message changes what is known of a device, when its silence becomes an
 * outage, and which message ends one.
 */
public final class OfflineRule implements Serializable {
    private final OfflineSettings settings;

    public OfflineRule(OfflineSettings settings) {
        this.settings = settings;
    }

    /** Device time at which the device is offline unless another live message arrives. */
    public long deadline(Liveness liveness) {
        return liveness.silenceStart() + settings.timeout(liveness.type()).toMillis();
    }

    /**
     * The state after message {@code m}, or null when {@code m} is a stale live message (older than the newest one
     * already seen) that must not move the silence clock backwards.
     */
    public Liveness observe(Liveness current, DeviceSeen m) {
        if (m.offline()) {
            // An offline status is evidence, not liveness: it never restarts the silence clock. Its ts is often old
            // (a Will carries the time of the connect that registered it), so it is recorded whatever its ts.
            if (current == null) {
                return new Liveness(m.type(), m.location(), null, m.ts());
            }
            return new Liveness(current.type(), current.location(), current.lastAliveTs(), m.ts());
        }
        if (current != null && current.lastAliveTs() != null && m.ts() < current.lastAliveTs()) {
            return null;
        }
        // Keep the stored location while it is the same: state holds it for minutes, a new copy per message would be
        // garbage that lives long enough to be copied by every young collection.
        LocationChain location = current != null && Objects.equals(current.location(), m.location())
                ? current.location() : m.location();
        return new Liveness(m.type(), location, m.ts(), null);
    }

    /**
     * True when {@code m} ends an outage raised at device time {@code raisedAt}: a live message from after the raise.
     * A late message from before it only shows the device was alive a little longer; it moves the deadline instead.
     */
    public static boolean endsOutage(DeviceSeen m, long raisedAt) {
        return !m.offline() && m.ts() >= raisedAt;
    }

    public OfflineSettings settings() {
        return settings;
    }
}
