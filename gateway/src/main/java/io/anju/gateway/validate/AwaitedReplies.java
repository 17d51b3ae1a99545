package io.anju.gateway.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.gateway.protect.ExpiringKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The command replies this gateway node awaits: per device, the ids of the commands it took from
 * {@code anju.commands} for that device, each for {@code commands.replyWindow} after it was last taken or sent. A
 * device's {@code command/reply} is passed on only when it answers one of them, so a device cannot settle, or fill
 * the history of, a command meant for another device, nor make up replies to commands never sent.
 *
 * <p>Every node takes every command (each has a consumer group of its own), whether or not the device is connected
 * to it, so a device may reply on whichever node it is connected to by then.
 *
 * <p>The memory is not kept across restarts: a node that started less than the reply window ago cannot tell a reply to
 * a command it sent before the start (committed on {@code anju.commands}, so not read again) from a made-up one. It
 * rebuilds nothing and quarantines such a reply under a reason of its own ({@code reply_unverifiable}) rather than
 * forward what it cannot vouch for: the reply stays readable in {@code anju.quarantine}, and a stop is confirmed by
 * the port's readings whatever the reply says. Thread-safe.
 */
public final class AwaitedReplies {
    private static final Logger LOG = LoggerFactory.getLogger(AwaitedReplies.class);
    /** Forgetting works in steps of a second: an id is held at most that much longer than the window. */
    private static final long BUCKET_MS = 1_000;
    private static final long EVICTION_LOG_EVERY_MS = 60_000;

    private record Awaited(String deviceId, String commandId) {
    }

    private final long windowMs;
    private final LongSupplier wallClockMs;
    private final long startedAtMs;
    private final ExpiringKeys<Awaited> awaited;
    private final AtomicLong evictionLoggedAtMs = new AtomicLong();

    /**
     * @param window   how long a reply is awaited after its command was last taken or sent ({@code commands.replyWindow})
     * @param capacity most command ids remembered ({@code commands.maxAwaitingReply}); beyond it the ones due to be
     *                 forgotten soonest go first, and a late reply to one of them is quarantined
     */
    public AwaitedReplies(Duration window, int capacity, LongSupplier wallClockMs) {
        this.windowMs = window.toMillis();
        this.wallClockMs = wallClockMs;
        this.startedAtMs = wallClockMs.getAsLong();
        this.awaited = new ExpiringKeys<>(capacity, BUCKET_MS);
    }

    /** The node took or sent command {@code commandId} for {@code deviceId}: its reply is awaited from now on. */
    public void await(String deviceId, String commandId) {
        long now = wallClockMs.getAsLong();
        if (awaited.put(new Awaited(deviceId, commandId), now + windowMs, now)) {
            long last = evictionLoggedAtMs.get();
            if (now - last >= EVICTION_LOG_EVERY_MS && evictionLoggedAtMs.compareAndSet(last, now)) {
                LOG.warn("{} command ids awaiting a reply, the most remembered (commands.maxAwaitingReply): forgetting the "
                        + "oldest; late replies to them are quarantined", awaited.size());
            }
        }
    }

    /**
     * The verdict on a {@code command/reply} of {@code deviceId} whose payload passed the schema ({@code reply.json()}
     * has a textual {@code id}): {@code reply} itself when its command was sent to that device, else invalid.
     */
    public Validation check(String deviceId, Validation.Valid reply) {
        JsonNode json = reply.json();
        String commandId = json.get("id").textValue();
        long now = wallClockMs.getAsLong();
        if (awaited.contains(new Awaited(deviceId, commandId), now)) {
            return reply;
        }
        String id = "id '" + Fields.abbreviate(commandId) + "'";
        if (now - startedAtMs < windowMs) {
            return new Validation.Invalid("reply_unverifiable: " + id + " is unknown to this gateway node, which started "
                    + (now - startedAtMs) / 1_000 + " s ago and may have sent it before");
        }
        return new Validation.Invalid("reply_to_unknown_command: " + id + " was not sent to this device");
    }

    /** Command ids remembered now. */
    public int size() {
        return awaited.size();
    }
}
