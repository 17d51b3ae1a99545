package io.anju.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** The gateway's MQTT-side meters, named {@code anju.gateway.*} (Prometheus: {@code anju_gateway_*}). */
public final class GatewayMetrics {

    /** Outcome of a CONNECT or of an accepted TCP connection. */
    public enum ConnectOutcome {
        ACCEPTED, BAD_CREDENTIALS, NOT_AUTHORIZED, CLIENT_ID_INVALID, BANNED, REFUSED_MAX_CONNECTIONS, REFUSED_RATE,
        REFUSED_SOURCE_RATE, REFUSED_SOURCE_PRE_AUTH, TIMEOUT, PROTOCOL_ERROR, TOO_LARGE, QUOTA_EXCEEDED
    }

    /** A per-connection protocol limit a device ran into (it was slowed down or its connection closed). */
    public enum Limit {
        /** A packet announced larger than allowed (closed). */
        PACKET_SIZE,
        /** Too many user properties in one packet (closed). */
        USER_PROPERTIES,
        /** Too many topic filters in one SUBSCRIBE/UNSUBSCRIBE or in all of a connection's (closed). */
        SUBSCRIBE_FILTERS,
        /** Packets other than PUBLISH faster than the control rate (slowed down). */
        CONTROL_RATE,
        /** More QoS 2 packet ids unreleased than the Receive Maximum announced (closed). */
        RECEIVE_MAXIMUM,
        /** The device did not read what the gateway sent for too long (closed). */
        UNWRITABLE
    }

    /** What became of one PUBLISH from a device. */
    public enum MessageStatus { FORWARDED, QUARANTINED, UNAUTHORIZED, THROTTLED, UNAVAILABLE }

    private final MeterRegistry registry;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger pausedChannels = new AtomicInteger();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    /** Message counters by status, then device type: the per-message path does one lookup, no key building. */
    @SuppressWarnings("unchecked")
    private final Map<String, Counter>[] messages = new Map[MessageStatus.values().length];
    private final Counter bytesIn;
    private final Timer pubackLatency;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (int i = 0; i < messages.length; i++) {
            messages[i] = new ConcurrentHashMap<>();
        }
        Gauge.builder("anju.gateway.connections", connections, AtomicInteger::get)
                .description("Authenticated device connections on this node").register(registry);
        Gauge.builder("anju.gateway.paused.channels", pausedChannels, AtomicInteger::get)
                .description("Device connections whose socket is currently not read").register(registry);
        bytesIn = Counter.builder("anju.gateway.bytes.in").baseUnit("bytes")
                .description("PUBLISH payload bytes received from devices").register(registry);
        pubackLatency = Timer.builder("anju.gateway.puback.latency")
                .description("PUBLISH received to PUBACK/PUBREC written")
                .publishPercentiles(0.5, 0.99, 0.999).register(registry);
    }

    public void connected() {
        connections.incrementAndGet();
    }

    public void disconnected() {
        connections.decrementAndGet();
    }

    public int connections() {
        return connections.get();
    }

    public void pausedDelta(int delta) {
        pausedChannels.addAndGet(delta);
    }

    public int pausedChannels() {
        return pausedChannels.get();
    }

    public void connectAttempt(ConnectOutcome outcome) {
        counter("anju.gateway.connect.attempts", "outcome", lower(outcome), null, null).increment();
    }

    public void limitHit(Limit limit) {
        counter("anju.gateway.limit.hits", "limit", lower(limit), null, null).increment();
    }

    public void message(String deviceType, MessageStatus status) {
        Counter c = messages[status.ordinal()].get(deviceType);
        if (c == null) {
            c = messages[status.ordinal()].computeIfAbsent(deviceType,
                    t -> counter("anju.gateway.messages", "type", t, "status", lower(status)));
        }
        c.increment();
    }

    public void bytesIn(int bytes) {
        bytesIn.increment(bytes);
    }

    public void pubackLatency(long nanos) {
        pubackLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Count of a meter, for tests and the health endpoint. */
    public double count(String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    private Counter counter(String name, String k1, String v1, String k2, String v2) {
        String key = name + '|' + v1 + '|' + v2;
        Supplier<Counter> create = () -> {
            Counter.Builder b = Counter.builder(name).tag(k1, v1);
            if (k2 != null) {
                b.tag(k2, v2);
            }
            return b.register(registry);
        };
        return counters.computeIfAbsent(key, k -> create.get());
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
