package io.anju.gateway.snapshot;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes and images held, per device and in all: counted up by every write, set from each sweep's listing. A write
 * that lands while a sweep lists the store may be missed until the next sweep; the figures steer when to sweep and
 * feed the metrics, they do not need to be exact.
 */
final class SnapshotTally {
    private final Map<SnapshotOwner, Held> perDevice = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong files = new AtomicLong();

    private record Held(AtomicLong bytes, AtomicLong files) {
        Held() {
            this(new AtomicLong(), new AtomicLong());
        }
    }

    /** Counts a new image; returns the bytes its device now holds. */
    long added(SnapshotOwner owner, long size) {
        bytes.addAndGet(size);
        files.incrementAndGet();
        Held held = perDevice.computeIfAbsent(owner, o -> new Held());
        held.files().incrementAndGet();
        return held.bytes().addAndGet(size);
    }

    /** Sets every figure from a listing of the whole store (what is left after a sweep). */
    void reset(List<StoredSnapshot> held) {
        perDevice.clear();
        long b = 0;
        for (StoredSnapshot s : held) {
            b += s.bytes();
            if (s.owner() != null) {
                Held h = perDevice.computeIfAbsent(s.owner(), o -> new Held());
                h.bytes().addAndGet(s.bytes());
                h.files().incrementAndGet();
            }
        }
        bytes.set(b);
        files.set(held.size());
    }

    /** Sets one device's figures from a listing of its images, and the totals by the difference. */
    void resetDevice(SnapshotOwner owner, List<StoredSnapshot> held) {
        long b = held.stream().mapToLong(StoredSnapshot::bytes).sum();
        Held h = perDevice.computeIfAbsent(owner, o -> new Held());
        bytes.addAndGet(b - h.bytes().getAndSet(b));
        files.addAndGet(held.size() - h.files().getAndSet(held.size()));
    }

    long bytes() {
        return bytes.get();
    }

    long files() {
        return files.get();
    }

    long deviceBytes(SnapshotOwner owner) {
        Held h = perDevice.get(owner);
        return h == null ? 0 : h.bytes().get();
    }
}
