package io.anju.jobs.bench;

import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.registry.RegistryDocument;
import io.anju.common.topic.Topics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The benchmark's device traffic, in the order devices would send it: load chargers report telemetry every 30 s,
 * the registry's crowd counters every 10 s, its gates a pass every 20 s, and every one of these devices a status
 * heartbeat every 120 s. Each stream starts at a staggered offset, so device times interleave as on the street.
 * One charger reading in {@code overloadEvery} (seeded, never two in a row for a device) overloads a port.
 */
final class Traffic {
    static final long CHARGER_PERIOD_MS = 30_000;
    static final long CROWD_PERIOD_MS = 10_000;
    static final long GATE_PERIOD_MS = 20_000;
    static final long STATUS_PERIOD_MS = 120_000;
    private static final int INDEX_BITS = 21;

    /** One envelope to write; {@code overload} marks a reading that must raise a port overload. */
    record Message(String topic, String key, byte[] value, long ts, boolean overload) {
    }

    private enum Kind { CHARGER, CROWD, GATE, STATUS }

    private record Stream(BenchDevice device, Kind kind, long periodMs) {
    }

    private final List<Stream> streams = new ArrayList<>();
    private final PriorityQueue<Long> due = new PriorityQueue<>();
    private final EnvelopeFactory envelopes = new EnvelopeFactory();
    private final Map<String, Long> seq = new HashMap<>();
    private final Map<String, Boolean> lastWasOverload = new HashMap<>();
    private final SplittableRandom random;
    private final int overloadEvery;
    private long overloads;

    Traffic(RegistryDocument registry, int overloadEvery, long seed) {
        this.overloadEvery = overloadEvery;
        this.random = new SplittableRandom(seed);
        Map<String, CrowdZone> zones = registry.zones().stream()
                .collect(Collectors.toMap(CrowdZone::id, Function.identity()));
        for (Device d : registry.devices()) {
            BenchDevice b = new BenchDevice(d.id(), d.type(), d.location(), people(d, zones));
            if (d.type() == DeviceType.CHARGER && d.id().startsWith("load-")) {
                add(b, Kind.CHARGER, CHARGER_PERIOD_MS);
            } else if (d.type() == DeviceType.CROWD) {
                add(b, Kind.CROWD, CROWD_PERIOD_MS);
            } else if (d.type() == DeviceType.GATE) {
                add(b, Kind.GATE, GATE_PERIOD_MS);
            } else {
                continue;
            }
            add(b, Kind.STATUS, STATUS_PERIOD_MS);
        }
        if (streams.size() >= 1 << INDEX_BITS) {
            throw new IllegalArgumentException("too many device streams: " + streams.size());
        }
        for (int i = 0; i < streams.size(); i++) {
            long offset = random.nextLong(streams.get(i).periodMs());
            due.add(offset << INDEX_BITS | i);
        }
    }

    private void add(BenchDevice device, Kind kind, long periodMs) {
        streams.add(new Stream(device, kind, periodMs));
    }

    /** A steady share of the zone's blue level (1 person/m² or 60 % of capacity): never a crowd alert. */
    private static int people(Device d, Map<String, CrowdZone> zones) {
        CrowdZone z = d.location() == null || d.location().zoneId() == null ? null : zones.get(d.location().zoneId());
        if (z == null) {
            return 0;
        }
        double blue = z.capacity() > 0 ? Math.min(z.areaM2(), 0.6 * z.capacity()) : z.areaM2();
        return (int) Math.max(1, blue * 0.3);
    }

    /** Messages per second of device time this traffic stands for. */
    double nominalPerSecond() {
        return streams.stream().mapToDouble(s -> 1000.0 / s.periodMs()).sum();
    }

    int devices() {
        return (int) streams.stream().map(s -> s.device().id()).distinct().count();
    }

    /** How many of the messages so far were overload readings. */
    long overloads() {
        return overloads;
    }

    /**
     * The next message in schedule order.
     *
     * @param ts      the device time to stamp on it (the caller decides: schedule time or the wall clock)
     * @param origin  device time of the schedule's start, to turn the schedule into a time ({@code ts} < 0 uses it)
     */
    Message next(long ts, long origin) {
        long head = due.poll();
        int index = (int) (head & ((1L << INDEX_BITS) - 1));
        long at = head >>> INDEX_BITS;
        Stream s = streams.get(index);
        due.add((at + s.periodMs()) << INDEX_BITS | index);
        long stamp = ts >= 0 ? ts : origin + at;
        BenchDevice d = s.device();
        long n = seq.merge(d.id(), 1L, Long::sum);
        return switch (s.kind()) {
            case CHARGER -> charger(d, stamp, n);
            case CROWD -> new Message(Topics.telemetry(DeviceType.CROWD), d.id(),
                    envelopes.crowdTelemetry(d, stamp, n), stamp, false);
            case GATE -> new Message(Topics.EVENTS, d.id(), envelopes.gatePass(d, stamp, n), stamp, false);
            case STATUS -> new Message(Topics.STATUS, d.id(), envelopes.status(d, stamp, n), stamp, false);
        };
    }

    private Message charger(BenchDevice d, long ts, long n) {
        boolean previous = lastWasOverload.getOrDefault(d.id(), false);
        boolean overload = !previous && overloadEvery > 0 && random.nextInt(overloadEvery) == 0;
        if (overload || previous) {
            lastWasOverload.put(d.id(), overload);
        }
        if (overload) {
            overloads++;
        }
        return new Message(Topics.telemetry(DeviceType.CHARGER), d.id(), envelopes.chargerTelemetry(d, ts, n, overload),
                ts, overload);
    }
}
