package io.anju.gateway.protect;

import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Bounds what waits to be sent to a device that does not read: while its channel is not writable (Netty's outbound
 * buffer is above its high-water mark) its socket is not read either, so its requests do not pile up more replies,
 * and when that lasts {@code timeout} the connection is given up. Confined to the channel's event loop.
 */
public final class UnwritableWatch {
    private final Channel channel;
    private final ReadGate gate;
    private final long timeoutNanos;
    private final Runnable onTimeout;
    private ScheduledFuture<?> timer;

    /** {@code onTimeout} closes the connection (and counts it). */
    public UnwritableWatch(Channel channel, ReadGate gate, Duration timeout, Runnable onTimeout) {
        this.channel = channel;
        this.gate = gate;
        this.timeoutNanos = timeout.toNanos();
        this.onTimeout = onTimeout;
    }

    /** Call from {@code channelWritabilityChanged}. */
    public void writabilityChanged() {
        if (channel.isWritable()) {
            cancel();
            gate.resume(ReadGate.Reason.UNWRITABLE);
        } else if (timer == null) {
            gate.pause(ReadGate.Reason.UNWRITABLE);
            timer = channel.eventLoop().schedule(this::expired, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void expired() {
        timer = null;
        if (channel.isActive() && !channel.isWritable()) {
            onTimeout.run();
        }
    }

    /** Call when the connection ends. */
    public void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
