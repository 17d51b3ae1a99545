package io.anju.sim.load;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LoadStatsTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void connAckLatencies_arePercentilesOfEveryAcceptedConnect_inMilliseconds() {
        LoadStats stats = new LoadStats();
        for (int ms = 1; ms <= 100; ms++) {          // devices connected after 1, 2, ..., 100 ms
            long start = 1_000 * MS;
            stats.recordConnected(start, start + ms * MS);
        }
        Latencies l = stats.connAckLatencies();
        assertThat(l.count()).isEqualTo(100);
        assertThat(stats.connected.get()).isEqualTo(100);
        assertThat(l.p50Ms()).isCloseTo(50, within(0.1));
        assertThat(l.p99Ms()).isCloseTo(99, within(0.1));
        assertThat(l.maxMs()).isCloseTo(100, within(0.1));
    }

    @Test
    void latencies_areKeptAcrossReads_andZeroWhenNothingWasRecorded() {
        LoadStats stats = new LoadStats();
        assertThat(stats.connAckLatencies()).isEqualTo(new Latencies(0, 0, 0, 0, 0));
        stats.recordConnected(0, 10 * MS);
        assertThat(stats.connAckLatencies().count()).isEqualTo(1);
        stats.recordConnected(0, 30 * MS);
        Latencies both = stats.connAckLatencies();
        assertThat(both.count()).isEqualTo(2);
        assertThat(both.maxMs()).isCloseTo(30, within(0.1));
        assertThat(stats.pubAckLatencies().count()).as("PUBACKs are a distribution of their own").isZero();
    }

    @Test
    void aRefusingConnAck_isAFailure_countedAsRefusedToo() {
        LoadStats stats = new LoadStats();
        stats.recordRefused();
        stats.connectFailures.increment(); // a TCP failure
        assertThat(stats.connectFailures.sum()).isEqualTo(2);
        assertThat(stats.connectRefused.sum()).isEqualTo(1);
        assertThat(stats.connected.get()).isZero();
    }

    @Test
    void report_printsConnAckLatencies_andRefusals() {
        Latencies none = new Latencies(0, 0, 0, 0, 0);
        LoadReport r = new LoadReport(10, 8, 2, 1, 5.0, 0, 0, 0, 0, none,
                new Latencies(8, 12.5, 80.25, 80.25, 90.0), new Latencies(9, 0.5, 1.25, 1.25, 3.0), 1);
        assertThat(r.format())
                .contains("connections  10 requested, 8 connected, 2 failed (1 refused by CONNACK)")
                .contains("CONNACK ms   p50 12.50  p99 80.25  max 90.00 (TCP connect start to CONNACK, 8 devices)")
                .contains("TCP conn ms  p50 0.50  p99 1.25  max 3.00 (TCP connect start to handshake done)");
        assertThat(new LoadReport(1, 1, 0, 0, 1.0, 0, 0, 0, 0, none, none, none, 1).format())
                .as("a client that cannot tell its handshake apart prints no such line").doesNotContain("TCP conn ms");
    }
}
