package io.anju.bench.e2e;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@link StopProbe}'s figures per kind of stop, and what went wrong, while measuring. Thread-safe. */
final class StopTally {
    private static final Logger LOG = LoggerFactory.getLogger(StopTally.class);

    /** The times of one kind of stop. */
    private static final class Times {
        int sent;
        final List<Double> toCharger = new ArrayList<>();
        final List<Double> toReadings = new ArrayList<>();
        final List<Double> toCase = new ArrayList<>();

        StopFigures figures() {
            return new StopFigures(sent, dist(toCharger), dist(toReadings), dist(toCase));
        }
    }

    private final long timeoutMs;
    private final Times automatic = new Times();
    private final Times person = new Times();
    private final List<String> missed = new ArrayList<>();
    private final List<String> early = new ArrayList<>();
    private int retried;
    private int refused;
    private int withheld;
    private int resumesRefused;

    /** @param timeoutMs how long a stop may take to be confirmed, and then to show in its case */
    StopTally(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    synchronized void sent(StopInFlight s) {
        times(s).sent++;
    }

    synchronized void retried() {
        retried++;
    }

    synchronized void refused() {
        refused++;
    }

    synchronized void withheld() {
        withheld++;
    }

    synchronized void resumeRefused() {
        resumesRefused++;
    }

    synchronized void missed(StopInFlight s, String why) {
        missed.add(s.describe() + ": " + why);
        LOG.warn("stop probe: {}: {}", s.describe(), why);
    }

    /**
     * The figures of a stop confirmed by readings (and, unless it took too long, in its case); {@code arrived}: when
     * the stop reached the charger.
     */
    synchronized void record(StopInFlight s, long arrived) {
        boolean auto = s.automatic();
        if (arrived < s.startedAtMs || s.confirmedByReadingTs < arrived) {
            // The port read off before this stop reached the charger: the job's confirmation says nothing of it.
            early.add(s.describe() + ": confirmed by the reading of " + Instant.ofEpochMilli(s.confirmedByReadingTs)
                    + (arrived < s.startedAtMs ? ", the stop not at the charger yet" : ", the stop at the charger at "
                    + Instant.ofEpochMilli(arrived)));
            LOG.warn("stop probe: {}", early.get(early.size() - 1));
            return;
        }
        Times t = times(s);
        if (s.issuedAtMs >= 0) {
            t.toReadings.add((double) (s.confirmedAtMs - s.issuedAtMs));
            t.toCharger.add((double) (arrived - s.issuedAtMs));
        }
        long from = auto ? s.alertAtMs : s.startedAtMs;
        if (s.inCaseAtMs >= 0 && from >= 0) {
            t.toCase.add((double) (s.inCaseAtMs - from));
        } else if (s.inCaseAtMs < 0) {
            missed.add(s.describe() + ": confirmed by readings, not in the case's history within "
                    + timeoutMs / 1000 + " s");
        }
        if (auto && (s.issuedAtMs < 0 || s.alertAtMs < 0)) {
            LOG.warn("stop probe: {} confirmed, but its {} was not read", s.describe(),
                    s.issuedAtMs < 0 ? "stop_port record" : "fire_risk alert");
        }
        LOG.info("stop probe: {} at the charger {} ms, confirmed by readings {} ms after it was issued, in the case "
                        + "{} ms after the {}", s.describe(), s.issuedAtMs < 0 ? "?" : arrived - s.issuedAtMs,
                s.issuedAtMs < 0 ? "?" : s.confirmedAtMs - s.issuedAtMs,
                s.inCaseAtMs < 0 || from < 0 ? "?" : s.inCaseAtMs - from, auto ? "alert" : "request");
    }

    synchronized StopResult result() {
        return new StopResult(automatic.figures(), person.figures(), List.copyOf(missed), List.copyOf(early), retried,
                refused, withheld, resumesRefused);
    }

    private Times times(StopInFlight s) {
        return s.automatic() ? automatic : person;
    }

    private static Distribution dist(List<Double> ms) {
        return Distribution.of(ms.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
