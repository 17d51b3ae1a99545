package io.anju.gateway.disk;

import io.anju.gateway.ingest.Ingest.BackpressureListener;
import io.anju.gateway.testing.SimulatedDisk;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DiskGuardTest {
    private static final long GIB = 1L << 30;

    private final List<String> told = new ArrayList<>();
    private final BackpressureListener listener = new BackpressureListener() {
        @Override
        public void paused() {
            told.add("paused");
        }

        @Override
        public void resumed() {
            told.add("resumed");
        }
    };

    @Test
    void theLargerOfBytesAndShareIsTheMark_andLowClearsTenPercentAboveIt() {
        DiskWatermark w = new DiskWatermark(GIB, 0.02);
        assertThat(w.lowBelow(10 * GIB)).as("2 % of 10 GiB is less than 1 GiB").isEqualTo(GIB);
        assertThat(w.lowBelow(100 * GIB)).isEqualTo(2 * GIB);
        assertThat(w.fineFrom(10 * GIB)).isEqualTo(GIB + GIB / 10);
        assertThat(new DiskWatermark(0, 0).lowBelow(100 * GIB)).as("both 0: never low").isZero();
    }

    @Test
    void belowTheMark_pausesOnce_refusesWrites_andSaysWhy_untilSpaceIsBackAboveTheMarginOnly() {
        SimulatedDisk disk = SimulatedDisk.roomy();
        DiskGuard guard = disk.guard(new SimpleMeterRegistry());
        guard.setListener(listener);
        guard.check();
        assertThat(guard.low()).isFalse();
        assertThat(guard.status()).isEqualTo("ok");

        disk.free(GIB);
        guard.check();
        guard.check();
        assertThat(guard.low()).isTrue();
        assertThat(guard.writable()).isFalse();
        assertThat(guard.status()).isEqualTo("low: 1024 MiB free under data.dir (needs 2048 MiB)");

        disk.free(2 * GIB + GIB / 10);   // above the mark, within the margin: still low
        guard.check();
        assertThat(guard.low()).isTrue();

        disk.free(3 * GIB);
        guard.check();
        assertThat(guard.low()).isFalse();
        assertThat(guard.writable()).isTrue();
        assertThat(told).containsExactly("paused", "resumed");
    }

    @Test
    void aListenerSetWhileLowIsToldAtOnce_andAnUnreadableDiskKeepsItsLastState() {
        FreeSpace failing = new FreeSpace() {
            boolean broken;

            @Override
            public long usableBytes() throws IOException {
                if (broken) {
                    throw new IOException("stale file handle");
                }
                broken = true;
                return 0;
            }

            @Override
            public long totalBytes() {
                return 100 * GIB;
            }
        };
        Map<String, FreeSpace> watched = new LinkedHashMap<>();
        watched.put("data.dir", SimulatedDisk.roomy());
        watched.put("snapshot.dir", failing);
        DiskGuard guard = new DiskGuard(new DiskWatermark(GIB, 0.02), watched, new SimpleMeterRegistry());
        guard.check();
        assertThat(guard.status()).startsWith("low: 0 MiB free under snapshot.dir");

        guard.setListener(listener);
        assertThat(told).containsExactly("paused");
        guard.check();
        assertThat(guard.low()).isTrue();
        assertThat(told).containsExactly("paused");
    }
}
