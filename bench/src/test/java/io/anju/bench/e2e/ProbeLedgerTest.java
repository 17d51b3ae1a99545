package io.anju.bench.e2e;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A probe charger's port 2 overloaded at {@link #OVER} and cleared at {@link #CLEAR}; the alert records are shaped as
 * the port overload detector writes them (docs/kafka-topics.md).
 */
class ProbeLedgerTest {
    private static final String DEVICE = "chg-0001-1";
    private static final long OVER = 1_796_562_990_070L;
    private static final long CLEAR = OVER + 500;
    private static final String EPISODE = "89c20881-edd0-34fa-ab72-e4f8d05a93a2";

    private final ProbeLedger ledger = new ProbeLedger();

    @Test
    void theRaiseAndTheClearAreMatchedByDevicePortAndTheCitedReadingsTs() {
        sendBoth(true);
        ledger.alert(raise(EPISODE, OVER), OVER + 40);
        ledger.alert(clear(EPISODE, CLEAR), CLEAR + 30);
        ledger.committed(EPISODE, 1, micros(OVER + 120.5));
        ledger.committed(EPISODE, 2, micros(CLEAR + 60));

        ProbeLedger.Summary s = ledger.summary();
        assertThat(s.sent()).isEqualTo(2);
        assertThat(s.alerted()).isEqualTo(2);
        assertThat(s.committed()).isEqualTo(2);
        assertThat(s.unmatched()).isZero();
        assertThat(s.toCommitted().max()).isEqualTo(120.5);
        assertThat(s.toCommitted().p50()).isEqualTo(60);
        assertThat(s.toEmitted().max()).isEqualTo(30);   // emittedAt = ts + 30 (raise), + 20 (clear)
        assertThat(s.toRead().max()).isEqualTo(40);
        assertThat(s.emittedToCommitted().max()).isEqualTo(90.5);
        assertThat(s.p99WithUnmatchedMs()).isEqualTo(120.5);
    }

    @Test
    void recordsArriveInAnyOrderAndRepeatsCountFromTheFirst() {
        ledger.committed(EPISODE, 1, micros(OVER + 200));
        ledger.alert(raise(EPISODE, OVER), OVER + 50);
        sendBoth(true);
        // The alerting job writes at least once: the same revision again after a restart, read later.
        ledger.alert(raise(EPISODE, OVER), OVER + 9_000);
        ledger.committed(EPISODE, 1, micros(OVER + 9_100));

        ProbeLedger.Summary s = ledger.summary();
        assertThat(s.committed()).isEqualTo(1);
        assertThat(s.toRead().max()).isEqualTo(50);
        assertThat(s.toCommitted().max()).isEqualTo(200);
    }

    @Test
    void otherAlertsAndOtherReadingsMatchNothing() {
        sendBoth(true);
        // The same device, another port; another device; another type; a revision not triggered by this ts.
        ledger.alert(new ProbeLedger.AlertRecord("a", 1, "port_overload", "raised", DEVICE, 3, OVER, OVER + 30,
                List.of(new ProbeLedger.Cited(DEVICE, 3, OVER))), OVER + 40);
        ledger.alert(new ProbeLedger.AlertRecord("b", 1, "port_overload", "raised", "chg-0002-1", 2, OVER,
                OVER + 30, List.of(new ProbeLedger.Cited("chg-0002-1", 2, OVER))), OVER + 40);
        ledger.alert(new ProbeLedger.AlertRecord("c", 1, "station_overload", "raised", DEVICE, 2, OVER, OVER + 30,
                List.of(new ProbeLedger.Cited(DEVICE, 2, OVER))), OVER + 40);
        ledger.alert(new ProbeLedger.AlertRecord("d", 3, "port_overload", "updated", DEVICE, 2, OVER + 30_000,
                OVER + 30_030, List.of(new ProbeLedger.Cited(DEVICE, 2, OVER),
                new ProbeLedger.Cited(DEVICE, 2, OVER + 30_000))), OVER + 30_040);
        ledger.committed("a", 1, micros(OVER + 50));

        ProbeLedger.Summary s = ledger.summary();
        assertThat(s.alerted()).isZero();
        assertThat(s.committed()).isZero();
        assertThat(s.unmatched()).isEqualTo(2);
        assertThat(s.p99WithUnmatchedMs()).isInfinite();
        assertThat(E2eReport.caseVerdict(s, 250)).isEqualTo("NOT MET (over 1 % of the probe readings not committed)");
    }

    @Test
    void aRevisionOfTheWrongKindIsCountedNotTimed() {
        ledger.sent(new ProbeLedger.Reading(DEVICE, 2, CLEAR), ProbeLedger.Kind.CLEAR, true);
        ledger.alert(raise(EPISODE, CLEAR), CLEAR + 40);
        ledger.committed(EPISODE, 1, micros(CLEAR + 60));
        ProbeLedger.Summary s = ledger.summary();
        assertThat(s.wrongKind()).isEqualTo(1);
        assertThat(s.committed()).isZero();
        assertThat(s.unmatched()).isZero();
        assertThat(s.p99WithUnmatchedMs()).as("counted as late for the verdict").isInfinite();
    }

    @Test
    void readingsSentOutsideTheMeasurementAreNotInTheSummary() {
        sendBoth(false);
        ledger.alert(raise(EPISODE, OVER), OVER + 40);
        ledger.committed(EPISODE, 1, micros(OVER + 80));
        assertThat(ledger.summary().sent()).isZero();
        assertThat(ledger.committedReadings()).isEqualTo(1);
        assertThat(E2eReport.caseVerdict(ledger.summary(), 250)).startsWith("NOT SHOWN");
    }

    @Test
    void theVerdictCountsTheUnmatchedAsLate() {
        // 99 readings committed within 100 ms and one never: p99 over the 100 is still 100 ms, so met.
        for (int i = 0; i < 100; i++) {
            long ts = OVER + i * 1_000L;
            ledger.sent(new ProbeLedger.Reading(DEVICE, 1, ts), ProbeLedger.Kind.OVERLOAD, true);
            if (i < 99) {
                String id = "e" + i;
                ledger.alert(raise(id, 1, ts), ts + 10);
                ledger.committed(id, 1, micros(ts + 100));
            }
        }
        assertThat(ledger.summary().p99WithUnmatchedMs()).isEqualTo(100);
        assertThat(E2eReport.caseVerdict(ledger.summary(), 250)).isEqualTo("MET");
        // A second one missing: more than 1 % late.
        ledger.sent(new ProbeLedger.Reading(DEVICE, 1, OVER + 500_000), ProbeLedger.Kind.OVERLOAD, true);
        assertThat(ledger.summary().p99WithUnmatchedMs()).isInfinite();
    }

    private void sendBoth(boolean measured) {
        ledger.sent(new ProbeLedger.Reading(DEVICE, 2, OVER), ProbeLedger.Kind.OVERLOAD, measured);
        ledger.sent(new ProbeLedger.Reading(DEVICE, 2, CLEAR), ProbeLedger.Kind.CLEAR, measured);
    }

    private static ProbeLedger.AlertRecord raise(String id, long ts) {
        return raise(id, 2, ts);
    }

    /** A red raise: the power and current of the reading that went over 1.2 × the limit. */
    private static ProbeLedger.AlertRecord raise(String id, int port, long ts) {
        return new ProbeLedger.AlertRecord(id, 1, "port_overload", "raised", DEVICE, port, ts, ts + 30,
                List.of(new ProbeLedger.Cited(DEVICE, port, ts), new ProbeLedger.Cited(DEVICE, port, ts)));
    }

    private static ProbeLedger.AlertRecord clear(String id, long ts) {
        return new ProbeLedger.AlertRecord(id, 2, "port_overload", "cleared", DEVICE, 2, ts, ts + 20,
                List.of(new ProbeLedger.Cited(DEVICE, 2, ts)));
    }

    private static long micros(double epochMs) {
        return Math.round(epochMs * 1000);
    }
}
