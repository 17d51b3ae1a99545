package io.anju.jobs.history;

import java.util.Arrays;
import java.util.Objects;

/**
 * The newest known state of each port of one station, to tell which readings are worth a raw point: the reading at
 * a change of state, and a port's first reading in this run of the job (so every chart has a starting point after a
 * start or a restore). A Flink POJO with primitive arrays (no Kryo); index {@code i} is the port {@code ports[i]}.
 *
 * <p>{@code run} identifies a run of the job's operator (a fresh random number each time it opens); a port last
 * seen in another run has not been written in this one. A reading older than the port's newest known state is old
 * news: it changes nothing (a repeat or a reordered message must not report a change that did not happen).
 */
public class PortStates {
    /** What a reading means for the raw history of its port. */
    public enum Change {
        /** Same state as before: the per-minute figures carry it. */
        NONE,
        /** The port's first reading in this run of the job. */
        FIRST,
        /** The port's state differs from its newest known state. */
        CHANGED
    }

    public int[] ports = new int[0];
    public String[] states = new String[0];
    public long[] stateTs = new long[0];
    public long[] seenInRun = new long[0];

    public PortStates() {
    }

    /** The port's newest known state, null before its first reading. */
    public String stateOf(int port) {
        int i = indexOf(port);
        return i < 0 ? null : states[i];
    }

    /** Takes in a port's reading of {@code state} at {@code ts} during run {@code run}. */
    public Change observe(int port, String state, long ts, long run) {
        int i = indexOf(port);
        if (i < 0) {
            i = grow(port);
            stateTs[i] = Long.MIN_VALUE;
        }
        boolean first = seenInRun[i] != run;
        seenInRun[i] = run;
        if (ts < stateTs[i]) {
            return first ? Change.FIRST : Change.NONE;
        }
        String before = states[i];
        states[i] = state;
        stateTs[i] = ts;
        if (first) {
            return Change.FIRST;
        }
        return Objects.equals(before, state) ? Change.NONE : Change.CHANGED;
    }

    private int indexOf(int port) {
        for (int i = 0; i < ports.length; i++) {
            if (ports[i] == port) {
                return i;
            }
        }
        return -1;
    }

    private int grow(int port) {
        int n = ports.length + 1;
        ports = Arrays.copyOf(ports, n);
        states = Arrays.copyOf(states, n);
        stateTs = Arrays.copyOf(stateTs, n);
        seenInRun = Arrays.copyOf(seenInRun, n);
        ports[n - 1] = port;
        return n - 1;
    }
}
