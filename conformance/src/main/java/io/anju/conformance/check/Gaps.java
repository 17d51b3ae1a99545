package io.anju.conformance.check;

import io.anju.conformance.watch.DeviceLog;
import io.anju.conformance.watch.TimeScale;

import java.util.List;
import java.util.Locale;

/** The longest silence of a periodic message within the device's connections, and how long a silence may be. */
final class Gaps {
    /** A simulated firmware's scheduler runs in real time: this much real time is its timing's slack. */
    static final long SCHEDULING_SLACK_REAL_MS = 1_000;

    private Gaps() {
    }

    /** The longest gap allowed for a message due every {@code periodMs} of device time. */
    static long allowed(long periodMs, TimeScale scale) {
        return Math.round(periodMs * Contract.CADENCE_TOLERANCE) + scale.deviceSpan(SCHEDULING_SLACK_REAL_MS);
    }

    /**
     * The longest silence: within each connection, between its start, the given times and its end (a device cannot
     * send while it is not connected, so time offline is not counted).
     */
    static Silence longest(DeviceLog log, List<Long> times) {
        Silence longest = new Silence(0, 0, -1);
        List<DeviceLog.Span> spans = log.connectedSpans();
        for (int i = 0; i < spans.size(); i++) {
            DeviceLog.Span span = spans.get(i);
            long last = span.from();
            for (long t : times.stream().filter(t -> t >= span.from() && t <= span.to()).sorted().toList()) {
                if (t - last > longest.length()) {
                    longest = new Silence(last, t - last, i);
                }
                last = t;
            }
            if (span.to() - last > longest.length()) {
                longest = new Silence(last, span.to() - last, i);
            }
        }
        return longest;
    }

    /** Total time connected. */
    static long connectedTime(DeviceLog log) {
        return log.connectedSpans().stream().mapToLong(DeviceLog.Span::length).sum();
    }

    /** @param connection index of the connection in {@link DeviceLog#connectedSpans()} */
    record Silence(long from, long length, int connection) {
    }

    static String seconds(double ms) {
        return String.format(Locale.ROOT, ms >= 10_000 ? "%.0f s" : "%.1f s", ms / 1000.0);
    }
}
