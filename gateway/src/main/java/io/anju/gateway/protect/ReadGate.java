package io.anju.gateway.protect;

import io.netty.channel.Channel;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Whether a device socket is read: reading stops while any reason holds and resumes when the last one clears.
 * Confined to the channel's event loop. Bytes are never dropped: a paused socket simply is not read, so TCP flow
 * control slows the device down.
 */
public final class ReadGate {

    /** Why a socket is not read. */
    public enum Reason {
        /** The downstream log's buffer is above its high-water mark. */
        BACKPRESSURE,
        /** The device exceeded its message rate. */
        RATE_LIMIT,
        /** Too many of this connection's messages wait for the log. */
        INFLIGHT,
        /** The device exceeded its rate of packets other than PUBLISH (SUBSCRIBE, PINGREQ, ...). */
        CONTROL_RATE,
        /** The device does not read what the gateway sends: reading its requests would only queue more replies. */
        UNWRITABLE,
        /** Free disk space under the gateway's data directories is below the watermark. */
        DISK_LOW
    }

    private final Channel channel;
    private final IntConsumer pausedDelta;
    private final Set<Reason> reasons = EnumSet.noneOf(Reason.class);

    /** {@code pausedDelta} is told +1 when this channel becomes paused and -1 when it resumes (a gauge). */
    public ReadGate(Channel channel, IntConsumer pausedDelta) {
        this.channel = channel;
        this.pausedDelta = pausedDelta;
    }

    public void pause(Reason reason) {
        boolean wasOpen = reasons.isEmpty();
        if (reasons.add(reason) && wasOpen) {
            channel.config().setAutoRead(false);
            pausedDelta.accept(1);
        }
    }

    public void resume(Reason reason) {
        if (reasons.remove(reason) && reasons.isEmpty()) {
            channel.config().setAutoRead(true);
            pausedDelta.accept(-1);
        }
    }

    public boolean isPaused(Reason reason) {
        return reasons.contains(reason);
    }

    public boolean isPaused() {
        return !reasons.isEmpty();
    }

    /** Called when the channel closes so the paused gauge does not keep counting it. */
    public void release() {
        if (!reasons.isEmpty()) {
            reasons.clear();
            pausedDelta.accept(-1);
        }
    }
}
