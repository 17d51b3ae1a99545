package io.anju.bench.jobs.traffic;

import io.anju.common.model.Channel;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.registry.RegistryDocument;
import io.anju.common.topic.Topics;
import io.anju.jobs.input.ChargerLimits;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The benchmark's device traffic, in the order devices would send it: load chargers report telemetry every 30 s,
 * the registry's crowd counters every 10 s, its gates a pass every 20 s, and every one of these devices a status
 * heartbeat every 120 s ({@link Kind}). Each stream starts at a seeded offset within its period, so device times
 * interleave as on the street. One charger reading in {@code overloadEvery} (seeded, never two in a row for a
 * device) overloads a port. Every envelope is pre-rendered ({@link EnvelopeTemplate}); a message costs a copy and
 * a few digits.
 */
public final class Traffic {
    /** Port readings in one charger envelope. */
    public static final int PORTS = Payloads.PORTS;
    private static final String LOAD_CHARGER_PREFIX = "load-";
    private static final int INDEX_BITS = 21;

    /** A device's counter and whether its last charger reading was an overload, shared by its streams. */
    private static final class Sender {
        final BenchDevice device;
        final byte[] key;
        long seq = EnvelopeTemplate.SEQ_BASE;
        boolean lastWasOverload;

        Sender(BenchDevice device) {
            this.device = device;
            this.key = device.id().getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * One periodic stream of one device. {@code templates}: chargers [normal, overload], gates [in, out], others one.
     */
    private record Stream(Sender sender, Kind kind, String topic, EnvelopeTemplate[] templates) {
    }

    /** Sees every pre-rendered envelope once (the start-up check). */
    interface TemplateVisitor {
        void visit(BenchDevice device, Kind kind, boolean overload, EnvelopeTemplate template);
    }

    private final List<Stream> streams = new ArrayList<>();
    /** (due time << INDEX_BITS | stream index), earliest first. */
    private final PriorityQueue<Long> due = new PriorityQueue<>();
    private final SplittableRandom random;
    private final int overloadEvery;

    public Traffic(RegistryDocument registry, int overloadEvery, long seed) {
        if (overloadEvery < 1) {
            throw new IllegalArgumentException("overloadEvery must be ≥ 1, was " + overloadEvery);
        }
        this.overloadEvery = overloadEvery;
        this.random = new SplittableRandom(seed);
        Map<String, CrowdZone> zones = registry.zones().stream()
                .collect(Collectors.toMap(CrowdZone::id, Function.identity()));
        for (Device d : registry.devices()) {
            Kind kind = kindOf(d);
            if (kind == null) {
                continue;
            }
            int portLimitW = kind == Kind.CHARGER ? ChargerLimits.of(d.charger()).portLimitW() : 0;
            Sender s = new Sender(new BenchDevice(d.id(), d.type(), d.location(), people(d, zones), portLimitW));
            streams.add(new Stream(s, kind, topicOf(kind), templates(s.device, kind)));
            streams.add(new Stream(s, Kind.STATUS, Topics.STATUS,
                    new EnvelopeTemplate[] {EnvelopeTemplate.of(s.device, Channel.STATUS, Payloads.status(s.device))}));
        }
        if (streams.size() >= 1 << INDEX_BITS) {
            throw new IllegalArgumentException("too many device streams: " + streams.size());
        }
        for (int i = 0; i < streams.size(); i++) {
            due.add(random.nextLong(streams.get(i).kind().periodMs()) << INDEX_BITS | i);
        }
    }

    private static Kind kindOf(Device d) {
        if (d.type() == DeviceType.CHARGER && d.id().startsWith(LOAD_CHARGER_PREFIX)) {
            return Kind.CHARGER;
        }
        return d.type() == DeviceType.CROWD ? Kind.CROWD : d.type() == DeviceType.GATE ? Kind.GATE : null;
    }

    private static String topicOf(Kind kind) {
        return switch (kind) {
            case CHARGER -> Topics.telemetry(DeviceType.CHARGER);
            case CROWD -> Topics.telemetry(DeviceType.CROWD);
            case GATE -> Topics.EVENTS;
            case STATUS -> Topics.STATUS;
        };
    }

    private static EnvelopeTemplate[] templates(BenchDevice d, Kind kind) {
        return switch (kind) {
            case CHARGER -> new EnvelopeTemplate[] {
                    EnvelopeTemplate.of(d, Channel.TELEMETRY, Payloads.charger(d, false)),
                    EnvelopeTemplate.of(d, Channel.TELEMETRY, Payloads.charger(d, true))};
            case CROWD -> new EnvelopeTemplate[] {EnvelopeTemplate.of(d, Channel.TELEMETRY, Payloads.crowd(d))};
            case GATE -> new EnvelopeTemplate[] {
                    EnvelopeTemplate.of(d, Channel.EVENT, Payloads.gatePass(true)),
                    EnvelopeTemplate.of(d, Channel.EVENT, Payloads.gatePass(false))};
            case STATUS -> throw new IllegalArgumentException("status streams are added with every device");
        };
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

    /** The next message in schedule order, stamped {@code ts} (the wall clock at the moment it is sent). */
    public Message next(long ts) {
        return emit(poll(), ts);
    }

    /** The next message in schedule order, stamped with its place in the schedule counted from {@code origin}. */
    public Message nextScheduled(long origin) {
        long head = poll();
        return emit(head, origin + (head >>> INDEX_BITS));
    }

    private long poll() {
        long head = due.poll();
        Stream s = streams.get((int) (head & ((1L << INDEX_BITS) - 1)));
        due.add(head + (s.kind().periodMs() << INDEX_BITS));
        return head;
    }

    private Message emit(long head, long ts) {
        Stream s = streams.get((int) (head & ((1L << INDEX_BITS) - 1)));
        Sender sender = s.sender();
        long seq = sender.seq++;
        int port = 0;
        int variant = 0;
        if (s.kind() == Kind.CHARGER) {
            boolean overload = !sender.lastWasOverload && random.nextInt(overloadEvery) == 0;
            sender.lastWasOverload = overload;
            port = overload ? Payloads.overloadPort(sender.device) : 0;
            variant = overload ? 1 : 0;
        } else if (s.kind() == Kind.GATE) {
            variant = (int) (seq & 1);
        }
        return new Message(s.kind(), s.topic(), sender.key, s.templates()[variant].at(ts, seq), sender.device.id(),
                port, ts);
    }

    /** Messages per second of device time, by kind. */
    public Map<Kind, Double> perSecond() {
        Map<Kind, Double> rates = new EnumMap<>(Kind.class);
        for (Stream s : streams) {
            rates.merge(s.kind(), 1000.0 / s.kind().periodMs(), Double::sum);
        }
        return rates;
    }

    /** The share of charger telemetry among all messages. */
    public double chargerShare() {
        Map<Kind, Double> rates = perSecond();
        return rates.getOrDefault(Kind.CHARGER, 0.0) / rates.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    public long devices() {
        return streams.stream().map(Stream::sender).distinct().count();
    }

    /** The compounds the load chargers stand in. */
    public long chargerCompounds() {
        return streams.stream().filter(s -> s.kind() == Kind.CHARGER)
                .map(s -> s.sender().device.location().compoundId()).filter(Objects::nonNull).distinct().count();
    }

    void forEachTemplate(TemplateVisitor visitor) {
        for (Stream s : streams) {
            EnvelopeTemplate[] t = s.templates();
            for (int i = 0; i < t.length; i++) {
                visitor.visit(s.sender().device, s.kind(), s.kind() == Kind.CHARGER && i == 1, t[i]);
            }
        }
    }
}
