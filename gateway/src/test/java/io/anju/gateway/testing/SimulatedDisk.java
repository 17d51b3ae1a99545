package io.anju.gateway.testing;

import io.anju.gateway.disk.DiskGuard;
import io.anju.gateway.disk.FreeSpace;
import io.anju.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** A file system whose free space the test sets: the gateway on a full disk without filling one. */
public final class SimulatedDisk implements FreeSpace {
    public static final long TOTAL = 100L << 30;

    private final AtomicLong free = new AtomicLong(TOTAL / 2);

    /** Half of 100 GiB free. */
    public static SimulatedDisk roomy() {
        return new SimulatedDisk();
    }

    public SimulatedDisk free(long bytes) {
        free.set(bytes);
        return this;
    }

    @Override
    public long usableBytes() {
        return free.get();
    }

    @Override
    public long totalBytes() {
        return TOTAL;
    }

    /** A guard over this disk as {@code data.dir}, with the default watermark (1 GiB or 2 %: 2 GiB of 100 GiB). */
    public DiskGuard guard(MeterRegistry meters) {
        return new DiskGuard(GatewayConfig.defaults().diskWatermark(), Map.of("data.dir", this), meters);
    }
}
