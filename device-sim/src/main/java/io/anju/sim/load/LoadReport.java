package io.anju.sim.load;

import java.util.Locale;

/**
 * The result of a load run. {@code pubAck}: QoS 1 only, PUBACK time minus send time; {@code connAck}: TCP connect start
 * to an accepting CONNACK, one sample per connected device; {@code tcpConnect}: its first part, TCP connect start to the
 * handshake done (Netty client only).
 */
public record LoadReport(int connections, int connected, int connectFailures, int connectRefused, double seconds,
                         long sent, long acknowledged, long errors, double throughputPerSec, Latencies pubAck,
                         Latencies connAck, Latencies tcpConnect, int qos) {

    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "connections  %d requested, %d connected, %d failed (%d refused by CONNACK)%n",
                connections, connected, connectFailures, connectRefused));
        sb.append(String.format(Locale.ROOT, "CONNACK ms   p50 %.2f  p99 %.2f  max %.2f (TCP connect start to CONNACK, %d devices)%n",
                connAck.p50Ms(), connAck.p99Ms(), connAck.maxMs(), connAck.count()));
        if (tcpConnect.count() > 0) {
            sb.append(String.format(Locale.ROOT,
                    "TCP conn ms  p50 %.2f  p99 %.2f  max %.2f (TCP connect start to handshake done)%n",
                    tcpConnect.p50Ms(), tcpConnect.p99Ms(), tcpConnect.maxMs()));
        }
        sb.append(String.format(Locale.ROOT, "messages     %d sent, %d acknowledged, %d errors in %.1f s%n",
                sent, acknowledged, errors, seconds));
        sb.append(String.format(Locale.ROOT, "throughput   %.0f msg/s (%s)%n", throughputPerSec,
                qos == 1 ? "acknowledged" : "sent, QoS 0"));
        if (qos == 1) {
            sb.append(String.format(Locale.ROOT, "PUBACK ms    p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                    pubAck.p50Ms(), pubAck.p99Ms(), pubAck.p999Ms(), pubAck.maxMs()));
        }
        return sb.toString();
    }
}
