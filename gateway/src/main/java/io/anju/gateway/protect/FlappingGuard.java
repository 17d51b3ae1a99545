package io.anju.gateway.protect;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Refuses devices that connect too often: more than {@code maxPerMinute} CONNECTs from one device id within a
 * minute bans that id for {@code banDuration}. Thread-safe (CONNECTs arrive on every event loop).
 */
public final class FlappingGuard {
    private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();

    private final int maxPerMinute;
    private final long banNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Record> byDevice = new ConcurrentHashMap<>();

    public FlappingGuard(int maxPerMinute, Duration banDuration, LongSupplier nanoClock) {
        this.maxPerMinute = maxPerMinute;
        this.banNanos = banDuration.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Records a CONNECT of {@code deviceId}; false if the device is (now) banned and must be refused. */
    public boolean admit(String deviceId) {
        long now = nanoClock.getAsLong();
        Record r = byDevice.computeIfAbsent(deviceId, k -> new Record());
        synchronized (r) {
            if (r.bannedUntil != 0 && now - r.bannedUntil < 0) {
                return false;
            }
            r.bannedUntil = 0;
            while (!r.connects.isEmpty() && now - r.connects.peekFirst() >= MINUTE_NANOS) {
                r.connects.pollFirst();
            }
            r.connects.addLast(now);
            if (r.connects.size() > maxPerMinute) {
                r.connects.clear();
                r.bannedUntil = now + banNanos;
                return false;
            }
            return true;
        }
    }

    /**
     * Refuses {@code deviceId}'s CONNECTs from now on for {@code period}, as a ban does (3 Server unavailable /
     * 0x9F Connection rate exceeded): the conformance kit holds a device off to watch its reconnect back-off.
     */
    public void holdOff(String deviceId, Duration period) {
        long now = nanoClock.getAsLong();
        Record r = byDevice.computeIfAbsent(deviceId, k -> new Record());
        synchronized (r) {
            r.bannedUntil = now + period.toNanos();
        }
    }

    /** Forgets devices with no recent connects and no ban (called periodically to bound memory). */
    public void purge() {
        long now = nanoClock.getAsLong();
        byDevice.entrySet().removeIf(e -> {
            Record r = e.getValue();
            synchronized (r) {
                boolean banned = r.bannedUntil != 0 && now - r.bannedUntil < 0;
                boolean recent = !r.connects.isEmpty() && now - r.connects.peekLast() < MINUTE_NANOS;
                return !banned && !recent;
            }
        });
    }

    int trackedDevices() {
        return byDevice.size();
    }

    private static final class Record {
        final Deque<Long> connects = new ArrayDeque<>();
        long bannedUntil;
    }
}
