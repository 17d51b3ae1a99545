package io.anju.bench.e2e;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcReadingsTest {

    @Test
    void processTicksAreUserPlusSystemEvenWhenTheNameHoldsSpacesAndParentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 91 0 0 0 1234 567 0 0 20 0 58 0 100 0 0";
        assertThat(ProcReadings.processTicks(stat)).isEqualTo(1234 + 567);
    }

    @Test
    void residentMemoryComesFromVmRss() {
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmRSS:\t  2097152 kB\nThreads:\t80\n";
        assertThat(ProcReadings.residentKiB(status)).isEqualTo(2_097_152);
        assertThat(ProcReadings.residentKiB("Name:\tzombie\n")).isZero();
    }

    @Test
    void machineBusyLeavesOutIdleAndIoWait() {
        ProcReadings.MachineTicks t = ProcReadings.machineTicks("cpu  100 5 50 800 40 3 2 0 0 0");
        assertThat(t.total()).isEqualTo(1000);
        assertThat(t.busy()).isEqualTo(160);
        assertThatThrownBy(() -> ProcReadings.machineTicks("cpu0 1 2 3 4"))
                .hasMessageContaining("not the /proc/stat cpu line");
    }
}
