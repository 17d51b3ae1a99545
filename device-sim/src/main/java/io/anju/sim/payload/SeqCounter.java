package io.anju.sim.payload;

/** The per-device {@code seq}: increases by one per message and wraps from 2^31 − 1 to 0. */
public final class SeqCounter {
    public static final long WRAP = 1L << 31;
    private long next;

    public SeqCounter() {
        this(0);
    }

    public SeqCounter(long start) {
        if (start < 0 || start >= WRAP) {
            throw new IllegalArgumentException("seq start must be in [0, 2^31), was " + start);
        }
        this.next = start;
    }

    public long next() {
        long value = next;
        next = (next + 1) % WRAP;
        return value;
    }

    public long peek() {
        return next;
    }

    /** Takes back numbers handed out for messages that were never sent (a device that is offline sends nothing). */
    public void rewind(long to) {
        if (to < 0 || to >= WRAP) {
            throw new IllegalArgumentException("seq must be in [0, 2^31), was " + to);
        }
        next = to;
    }
}
