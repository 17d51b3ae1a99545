package io.anju.bench.e2e;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The lines are those LoadRunner and LoadReport print; a change there must show here. */
class LoadOutputTest {

    @Test
    void readsProgressLines() {
        assertThat(LoadOutput.progress("t=  7s rate=24990/s sent=175000 acked=174100 errors=0 inflight=900 connected=5000"))
                .contains(new LoadOutput.Progress(7, 175_000, 174_100, 0, 900, 5_000));
        assertThat(LoadOutput.progress("connected 5000/5000 in 12.5 s (0 failed)")).isEmpty();
    }

    @Test
    void readsTheFinalReport() {
        assertThat(LoadOutput.connections("connections  5000 requested, 4998 connected, 2 failed"))
                .contains(new LoadOutput.Connections(5_000, 4_998, 2));
        assertThat(LoadOutput.totals("messages     1500000 sent, 1499000 acknowledged, 3 errors in 61.2 s"))
                .contains(new LoadOutput.Totals(1_500_000, 1_499_000, 3, 61.2));
        assertThat(LoadOutput.pubAck("PUBACK ms    p50 12.50  p99 80.25  p99.9 150.00  max 900.10"))
                .contains(new LoadOutput.PubAck(12.5, 80.25, 150.0, 900.1));
    }
}
