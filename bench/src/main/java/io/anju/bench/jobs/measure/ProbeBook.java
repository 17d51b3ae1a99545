package io.anju.bench.jobs.measure;

import org.HdrHistogram.Histogram;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The overload readings sent (probes) and the port overload raises that answered them. A raise answers the probe of
 * the same device and port whose {@code ts} is the raise's {@code lastEventTs} (the reading that raised it: with
 * {@code ts} = {@code receivedAt} the event time is the reading's own). Its latency is the reader's receive time −
 * the reading's {@code ts}: both are this JVM's wall clock, so there is no offset between clocks, and 1 ms
 * resolution. A raise that answers no probe (a repeat, or a raise nobody asked for) is counted as unmatched.
 */
public final class ProbeBook {
    private static final long MAX_LATENCY_MS = 3_600_000;

    private record Probe(String deviceId, int port, long ts) {
    }

    /** What the probes sent in a window got: how many were sent, how many raised, and the latencies. */
    public record Answers(long sent, long raised, Histogram latencyMs) {
    }

    private final Set<Probe> pending = new HashSet<>();
    private final LongList sentTs = new LongList();
    private final LongList answeredTs = new LongList();
    private final LongList latencies = new LongList();
    private long unmatched;

    public synchronized void sent(String deviceId, int port, long ts) {
        pending.add(new Probe(deviceId, port, ts));
        sentTs.add(ts);
    }

    public synchronized void raised(String deviceId, Integer port, long lastEventTs, long receivedMs) {
        if (port == null || !pending.remove(new Probe(deviceId, port, lastEventTs))) {
            unmatched++;
            return;
        }
        answeredTs.add(lastEventTs);
        latencies.add(receivedMs - lastEventTs);
    }

    /** The probes sent at {@code fromMs} ≤ ts < {@code toMs} and their answers so far. */
    public synchronized Answers in(long fromMs, long toMs) {
        Histogram h = new Histogram(MAX_LATENCY_MS, 3);
        long raised = 0;
        for (int i = 0; i < answeredTs.size; i++) {
            long ts = answeredTs.values[i];
            if (ts >= fromMs && ts < toMs) {
                raised++;
                h.recordValue(Math.max(0, Math.min(latencies.values[i], MAX_LATENCY_MS)));
            }
        }
        long sent = 0;
        for (int i = 0; i < sentTs.size; i++) {
            if (sentTs.values[i] >= fromMs && sentTs.values[i] < toMs) {
                sent++;
            }
        }
        return new Answers(sent, raised, h);
    }

    /** Raises that answered no probe. */
    public synchronized long unmatched() {
        return unmatched;
    }

    private static final class LongList {
        long[] values = new long[1024];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }
}
