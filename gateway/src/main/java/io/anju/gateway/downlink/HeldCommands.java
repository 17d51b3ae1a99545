package io.anju.gateway.downlink;

import org.apache.kafka.common.TopicPartition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Commands for devices that were offline when they came, held in order per device until the device is back or the
 * command's TTL passes. Each is remembered with its place in {@code anju.commands}, so the relay never commits past
 * a command still held: a gateway that restarts reads the held commands again instead of forgetting them. Bounded
 * per device and in all ({@link HoldLimits}). Thread-safe: the relay's thread and delivery callbacks both use it.
 */
final class HeldCommands {

    /** A held command and where it was read. */
    record Held(PendingCommand command, TopicPartition partition, long offset) {
    }

    private final HoldLimits limits;
    private final Map<String, ArrayDeque<Held>> byDevice = new HashMap<>();
    /** Per partition, the held commands by offset: a command read again after a failed batch is held once. */
    private final Map<TopicPartition, TreeMap<Long, Held>> byOffset = new HashMap<>();
    private int size;

    HeldCommands(HoldLimits limits) {
        this.limits = limits;
    }

    /** Whether the device has commands waiting: a newer one must queue behind them to keep the device's order. */
    synchronized boolean holds(String deviceId) {
        ArrayDeque<Held> q = byDevice.get(deviceId);
        return q != null && !q.isEmpty();
    }

    /**
     * Holds {@code h} behind the device's other held commands. False when a bound is reached (the caller reports the
     * device offline, as without holding). A command already held (read again after a failed batch) is kept once.
     */
    synchronized boolean hold(Held h) {
        TreeMap<Long, Held> offsets = byOffset.get(h.partition());
        if (offsets != null && offsets.containsKey(h.offset())) {
            return true;
        }
        ArrayDeque<Held> q = byDevice.get(h.command().deviceId());
        int queued = q == null ? 0 : q.size();
        if (queued >= limits.perDevice() || size >= limits.total()) {
            return false;
        }
        byDevice.computeIfAbsent(h.command().deviceId(), d -> new ArrayDeque<>()).addLast(h);
        byOffset.computeIfAbsent(h.partition(), p -> new TreeMap<>()).put(h.offset(), h);
        size++;
        return true;
    }

    /** The device's oldest held command, or null. */
    synchronized Held first(String deviceId) {
        ArrayDeque<Held> q = byDevice.get(deviceId);
        return q == null ? null : q.peekFirst();
    }

    /** Forgets {@code h} once its outcome is reported. */
    synchronized void release(Held h) {
        ArrayDeque<Held> q = byDevice.get(h.command().deviceId());
        if (q != null && q.remove(h)) {
            size--;
            if (q.isEmpty()) {
                byDevice.remove(h.command().deviceId());
            }
        }
        TreeMap<Long, Held> offsets = byOffset.get(h.partition());
        if (offsets != null) {
            offsets.remove(h.offset(), h);
            if (offsets.isEmpty()) {
                byOffset.remove(h.partition());
            }
        }
    }

    /** Every held command whose TTL has passed at {@code nowMs}; each stays held until {@link #release}d. */
    synchronized List<Held> expired(long nowMs) {
        List<Held> expired = new ArrayList<>();
        for (ArrayDeque<Held> q : byDevice.values()) {
            for (Held h : q) {
                if (h.command().isExpiredAt(nowMs)) {
                    expired.add(h);
                }
            }
        }
        return expired;
    }

    /** The devices that have commands held. */
    synchronized Set<String> devices() {
        return new HashSet<>(byDevice.keySet());
    }

    /** The offset that may be committed for {@code partition} when {@code next} was read: never past a held command. */
    synchronized long commitFloor(TopicPartition partition, long next) {
        TreeMap<Long, Held> offsets = byOffset.get(partition);
        return offsets == null || offsets.isEmpty() ? next : Math.min(next, offsets.firstKey());
    }

    synchronized int size() {
        return size;
    }

    /** The held commands of one device, oldest first. */
    synchronized List<Held> of(String deviceId) {
        ArrayDeque<Held> q = byDevice.get(deviceId);
        return q == null ? List.of() : new ArrayList<>(q);
    }
}
