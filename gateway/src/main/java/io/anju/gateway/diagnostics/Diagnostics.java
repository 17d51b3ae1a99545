package io.anju.gateway.diagnostics;

import io.anju.common.diagnostics.DiagnosticEvent;
import io.anju.common.diagnostics.DiagnosticKind;
import io.anju.common.text.Utf8;
import io.anju.gateway.protect.KeyedRates;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.function.LongSupplier;

/**
 * The per-device diagnostic stream of one node ({@code anju.diagnostics}): connection outcomes and rejected payloads.
 * Best-effort and bounded: each device (or client id) and, before authentication, each source address may produce
 * {@code ratePerSecond} records with bursts of {@code burst}; more are counted as suppressed, so a flood of refused
 * CONNECTs costs a counter, not the log. Called on the event loops; never blocks.
 */
public final class Diagnostics {
    /** Keys whose rate is tracked one by one; more share one rate. */
    private static final int TRACKED_KEYS = 50_000;

    private final String node;
    private final LongSupplier receiveClock;
    private final KeyedRates perDevice;
    private final KeyedRates perAddress;
    private final DiagnosticsSink sink;
    private final Counter suppressed;

    public Diagnostics(String node, LongSupplier receiveClock, double ratePerSecond, double burst, LongSupplier nanoClock,
                       DiagnosticsSink sink, MeterRegistry meters) {
        this.node = node;
        this.receiveClock = receiveClock;
        this.perDevice = new KeyedRates(ratePerSecond, burst, TRACKED_KEYS, nanoClock);
        this.perAddress = new KeyedRates(ratePerSecond, burst, TRACKED_KEYS, nanoClock);
        this.sink = sink;
        this.suppressed = Counter.builder("anju.gateway.diagnostics.suppressed")
                .description("Diagnostic records left out by the per-device and per-address rate limits").register(meters);
    }

    public void connected(String deviceId, boolean mqtt5, SocketAddress remote, int keepAliveS) {
        device(new DiagnosticEvent(receiveClock.getAsLong(), node, deviceId, DiagnosticKind.CONNECTED, "accepted",
                "connection accepted", protocol(mqtt5), text(remote), keepAliveS, null, null, null));
    }

    /**
     * A connection refused before it authenticated; limited per client id and per source address (many client ids
     * from one address are one flood).
     *
     * @param clientId the client id as sent, or null before a CONNECT was read
     * @param protocol {@code 3.1.1}, {@code 5}, or null when the CONNECT did not say
     */
    public void refused(String clientId, String protocol, SocketAddress remote, String code, String reason) {
        if (!perAddress.tryTake(host(remote)) || clientId != null && !perDevice.tryTake(clientId)) {
            suppressed.increment();
            return;
        }
        sink.offer(new DiagnosticEvent(receiveClock.getAsLong(), node, clientId, DiagnosticKind.REFUSED, code, reason,
                protocol, text(remote), null, null, null, null));
    }

    public void disconnected(String deviceId, boolean mqtt5, SocketAddress remote, String code, String reason) {
        device(new DiagnosticEvent(receiveClock.getAsLong(), node, deviceId, DiagnosticKind.DISCONNECTED, code, reason,
                protocol(mqtt5), text(remote), null, null, null, null));
    }

    /** A payload quarantined for {@code reason} ({@code code: words}, as in {@code anju.quarantine}). */
    public void payloadRejected(long receivedAt, String deviceId, String topic, String reason, byte[] payload) {
        if (!perDevice.tryTake(deviceId)) {
            suppressed.increment();
            return;
        }
        sink.offer(new DiagnosticEvent(receivedAt, node, deviceId, DiagnosticKind.PAYLOAD_REJECTED,
                code(reason), reason, null, null, null, topic, Utf8.prefix(payload, DiagnosticEvent.EXCERPT_BYTES),
                payload.length));
    }

    public void publishRefused(String deviceId, String topic, String reason) {
        device(new DiagnosticEvent(receiveClock.getAsLong(), node, deviceId, DiagnosticKind.PUBLISH_REFUSED,
                "not_authorized", reason, null, null, null, topic, null, null));
    }

    /** An authenticated device's event: limited per device, not per address (devices behind one NAT are many). */
    private void device(DiagnosticEvent event) {
        if (!perDevice.tryTake(event.deviceId())) {
            suppressed.increment();
            return;
        }
        sink.offer(event);
    }

    public static String protocol(boolean mqtt5) {
        return mqtt5 ? "5" : "3.1.1";
    }

    /** The stable code before the colon of a quarantine reason. */
    private static String code(String reason) {
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }

    private static String host(SocketAddress remote) {
        return remote instanceof InetSocketAddress a && a.getAddress() != null ? a.getAddress().getHostAddress()
                : String.valueOf(remote);
    }

    private static String text(SocketAddress remote) {
        if (remote instanceof InetSocketAddress a && a.getAddress() != null) {
            String host = a.getAddress().getHostAddress();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
        }
        return remote == null ? null : remote.toString();
    }
}
