package io.anju.sim.fault;

import io.anju.common.model.CameraSpec;
import io.anju.common.model.Device;
import io.anju.sim.clock.Scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Generates a fault plan from a seed: the same seed, scenario, devices and time window always give the same plan.
 * Each kind is injected on a few devices that can have it, at start times spread over the window (at least four
 * simulated hours); faults on the same device do not overlap.
 */
public final class FaultPlanner {
    /** Faults of each kind per 100 eligible devices, at least one when any device is eligible. */
    private static final double PER_HUNDRED = 2.0;
    private static final int MAX_PER_KIND = 10;
    private static final long MINUTE = 60_000L;
    /** Faults are spread over at least this much simulated time, however short the run. */
    static final long MIN_WINDOW_MS = 4 * 60 * MINUTE;
    private static final int MAX_ATTEMPTS = 20;

    private FaultPlanner() {
    }

    public static FaultPlan plan(long seed, Scenario scenario, List<Device> devices, long windowStartMs, long windowMs) {
        List<Device> sorted = devices.stream().sorted(Comparator.comparing(Device::id)).toList();
        Random rng = new Random(seed * 0x9E3779B97F4A7C15L + scenario.ordinal());
        List<FaultSpec> faults = new ArrayList<>();
        for (FaultKind kind : FaultKind.values()) {
            List<Device> eligible = sorted.stream().filter(d -> eligible(kind, d)).toList();
            if (eligible.isEmpty()) {
                continue;
            }
            int count = (int) Math.min(MAX_PER_KIND, Math.max(1, Math.round(eligible.size() * PER_HUNDRED / 100)));
            for (int i = 0; i < count; i++) {
                // Faults on one device never overlap, so each detection can be scored against one cause.
                for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                    Device d = eligible.get(rng.nextInt(eligible.size()));
                    FaultSpec f = fault(kind, d, rng, windowStartMs, Math.max(windowMs, MIN_WINDOW_MS));
                    if (faults.stream().noneMatch(o -> overlaps(o, f))) {
                        faults.add(f);
                        break;
                    }
                }
            }
        }
        return new FaultPlan(seed, scenario.wireName(), faults);
    }

    private static boolean overlaps(FaultSpec a, FaultSpec b) {
        return a.deviceId().equals(b.deviceId()) && a.startTs() < b.endTs() && b.startTs() < a.endTs();
    }

    private static boolean eligible(FaultKind kind, Device d) {
        if (!kind.appliesTo(d.type())) {
            return false;
        }
        if (kind == FaultKind.EBIKE_ELEVATOR) {
            CameraSpec cam = d.camera();
            return cam != null && "elevator".equals(cam.watches());
        }
        return true;
    }

    private static FaultSpec fault(FaultKind kind, Device d, Random rng, long windowStartMs, long windowMs) {
        long durationMs = (kind.minMinutes() + rng.nextInt(kind.maxMinutes() - kind.minMinutes() + 1)) * MINUTE;
        // Leave the first 5 minutes clean so detectors see a baseline; end inside the window when it is long enough.
        long earliest = windowStartMs + 5 * MINUTE;
        long latest = Math.max(earliest, windowStartMs + windowMs - durationMs);
        long start = earliest + (long) (rng.nextDouble() * (latest - earliest));
        start -= start % 1000;
        Integer port = kind.perPort() ? 1 + rng.nextInt(Math.max(1, d.charger() == null ? 1 : d.charger().ports())) : null;
        double magnitude = switch (kind) {
            case PORT_OVERLOAD -> 1050 + rng.nextInt(150);
            case STATION_OVERLOAD -> 1.05 + rng.nextDouble() * 0.1;
            // Well clear of both lines: ≥ 800 W (illegal load) and under the 1,000 W port limit, noise included.
            case ILLEGAL_LOAD -> 820 + rng.nextInt(150);
            case THERMAL_RUNAWAY -> 3.0 + rng.nextDouble() * 2.0;
            case LEAKAGE -> 35 + rng.nextInt(30);
            // 1.9–2.3 × capacity = 3.8–4.6 p/m² at 2 p/m² capacity: past orange (3.5), short of red (5.0).
            case CROWD_SURGE -> 1.9 + rng.nextDouble() * 0.4;
            default -> 0;
        };
        return new FaultSpec(kind, d.id(), port, start, start + durationMs, magnitude);
    }
}
