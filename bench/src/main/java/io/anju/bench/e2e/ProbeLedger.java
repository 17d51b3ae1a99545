package io.anju.bench.e2e;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The case probe's book: the readings it published, the alert revisions they became on {@code anju.alerts}, and when
 * the case system committed those revisions. The three arrive on different threads and in any order; they are joined
 * only when a {@link #summary()} is asked for.
 *
 * <p>Matching is exact. A probe reading is (device, port, ts) with ts = its publish time; the port overload detector
 * emits one revision per such reading — the raise for an overload, the clear for the reading after it — whose
 * {@code lastEventTs} is that ts and whose evidence cites the reading (device, port, ts). A revision is known by
 * (alert id, revision); the case system records each one it applies in a case event with the same pair. A revision
 * read twice (the alerting job writes at least once) counts from its first reading; a case event seen again changes
 * nothing.
 */
final class ProbeLedger {
    /** What the probe made the port do: go over 1.2 × its limit (a red raise) or come back under it (the clear). */
    enum Kind {
        OVERLOAD("raised", "updated"), CLEAR("cleared");

        private final List<String> statuses;

        Kind(String... statuses) {
            this.statuses = List.of(statuses);
        }

        boolean expects(String alertStatus) {
            return statuses.contains(alertStatus);
        }
    }

    /** One probe reading: the port of the device, and its ts (= the publish time, measuring JVM's clock, ms). */
    record Reading(String deviceId, int port, long ts) {
    }

    /** A reading cited by an evidence entry of an alert record. */
    record Cited(String deviceId, Integer port, long ts) {
    }

    /** An alert record of {@code anju.alerts}, as much of it as matching needs. */
    record AlertRecord(String id, int revision, String type, String status, String deviceId, Integer port,
                       long lastEventTs, long emittedAt, List<Cited> evidence) {
    }

    private record Sent(Kind kind, boolean measured) {
    }

    private record Seen(String alertId, int revision, String status, long emittedAtMs, long readAtMs) {
    }

    private record Key(String alertId, int revision) {
    }

    private final Map<Reading, Sent> sent = new HashMap<>();
    private final Map<Reading, Seen> alerts = new HashMap<>();
    private final Map<Key, Long> committedMicros = new HashMap<>();

    synchronized void sent(Reading reading, Kind kind, boolean measured) {
        sent.put(reading, new Sent(kind, measured));
    }

    /**
     * An alert record read at {@code readAtMs}: a port overload revision whose evidence cites the reading that
     * triggered it (its {@code lastEventTs}) stands for that reading. Other records are ignored.
     */
    synchronized void alert(AlertRecord a, long readAtMs) {
        if (!"port_overload".equals(a.type()) || a.deviceId() == null || a.port() == null) {
            return;
        }
        Reading trigger = new Reading(a.deviceId(), a.port(), a.lastEventTs());
        boolean cited = a.evidence().stream().anyMatch(e -> e.ts() == a.lastEventTs()
                && a.deviceId().equals(e.deviceId() == null ? a.deviceId() : e.deviceId())
                && a.port().equals(e.port() == null ? a.port() : e.port()));
        if (cited) {
            alerts.putIfAbsent(trigger, new Seen(a.id(), a.revision(), a.status(), a.emittedAt(), readAtMs));
        }
    }

    /** The case system applied (alert id, revision) in a transaction stamped {@code atMicros} (epoch µs). */
    synchronized void committed(String alertId, int revision, long atMicros) {
        committedMicros.merge(new Key(alertId, revision), atMicros, Math::min);
    }

    /** Readings, measured or not, whose revision the case system has committed (the warm-up waits for a few). */
    synchronized int committedReadings() {
        int n = 0;
        for (Reading r : sent.keySet()) {
            if (isCommitted(r)) {
                n++;
            }
        }
        return n;
    }

    /** Whether the reading's alert revision was read and the case system has committed it. */
    private boolean isCommitted(Reading r) {
        Seen a = alerts.get(r);
        return a != null && committedMicros.containsKey(new Key(a.alertId(), a.revision()));
    }

    /** [readings sent while measuring, of them committed as a case change] (for progress lines and the drain). */
    synchronized int[] measuredAndCommitted() {
        int measured = 0;
        int committed = 0;
        for (Map.Entry<Reading, Sent> e : sent.entrySet()) {
            if (e.getValue().measured()) {
                measured++;
                if (isCommitted(e.getKey())) {
                    committed++;
                }
            }
        }
        return new int[]{measured, committed};
    }

    /**
     * The readings sent while measuring, matched. Latencies in ms from the reading's ts (its publish time): to the
     * revision's {@code emittedAt} (the alerting job's clock), to when the measuring JVM read it from
     * {@code anju.alerts}, to the case system's commit; and emitted → committed.
     *
     * @param sent          probe readings published while measuring
     * @param alerted       of them, with their alert revision read
     * @param committed     of them, with that revision committed by the case system
     * @param wrongKind     readings whose revision had another status than expected (a clear for an overload…):
     *                      counted, not timed
     * @param toEmitted     publish → alert emitted
     * @param toRead        publish → alert read by the measuring JVM
     * @param toCommitted   publish → case committed
     * @param emittedToCommitted alert emitted → case committed
     * @param p99WithUnmatchedMs the p99 of publish → committed counting every reading not committed (yet), and every
     *                      wrong kind, as later than any: the figure for the verdict; +∞ when over 1 % never got there
     */
    record Summary(int sent, int alerted, int committed, int wrongKind, Distribution toEmitted, Distribution toRead,
                   Distribution toCommitted, Distribution emittedToCommitted, double p99WithUnmatchedMs) {

        int unmatched() {
            return sent - committed - wrongKind;
        }
    }

    synchronized Summary summary() {
        List<Double> toEmitted = new ArrayList<>();
        List<Double> toRead = new ArrayList<>();
        List<Double> toCommitted = new ArrayList<>();
        List<Double> emittedToCommitted = new ArrayList<>();
        int measured = 0;
        int wrongKind = 0;
        for (Map.Entry<Reading, Sent> e : sent.entrySet()) {
            if (!e.getValue().measured()) {
                continue;
            }
            measured++;
            long ts = e.getKey().ts();
            Seen a = alerts.get(e.getKey());
            if (a == null) {
                continue;
            }
            if (!e.getValue().kind().expects(a.status())) {
                wrongKind++;
                continue;
            }
            toEmitted.add((double) (a.emittedAtMs() - ts));
            toRead.add((double) (a.readAtMs() - ts));
            Long at = committedMicros.get(new Key(a.alertId(), a.revision()));
            if (at != null) {
                toCommitted.add(at / 1000.0 - ts);
                emittedToCommitted.add(at / 1000.0 - a.emittedAtMs());
            }
        }
        double[] withUnmatched = new double[measured];
        for (int i = 0; i < withUnmatched.length; i++) {
            withUnmatched[i] = i < toCommitted.size() ? toCommitted.get(i) : Double.POSITIVE_INFINITY;
        }
        Arrays.sort(withUnmatched);
        return new Summary(measured, toEmitted.size() + wrongKind, toCommitted.size(), wrongKind, of(toEmitted),
                of(toRead), of(toCommitted), of(emittedToCommitted),
                withUnmatched.length == 0 ? Double.POSITIVE_INFINITY : Distribution.rank(withUnmatched, 99));
    }

    private static Distribution of(List<Double> values) {
        return Distribution.of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
