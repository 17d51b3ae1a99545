package io.anju.sim.load;

import java.util.Locale;

/** The result of a load run; latencies in milliseconds (QoS 1 only: PUBACK time minus send time). */
public record LoadReport(int connections, int connected, int connectFailures, double seconds, long sent,
                         long acknowledged, long errors, double throughputPerSec, double p50Ms, double p99Ms,
                         double p999Ms, double maxMs, int qos) {

    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "connections  %d requested, %d connected, %d failed%n",
                connections, connected, connectFailures));
        sb.append(String.format(Locale.ROOT, "messages     %d sent, %d acknowledged, %d errors in %.1f s%n",
                sent, acknowledged, errors, seconds));
        sb.append(String.format(Locale.ROOT, "throughput   %.0f msg/s (%s)%n", throughputPerSec,
                qos == 1 ? "acknowledged" : "sent, QoS 0"));
        if (qos == 1) {
            sb.append(String.format(Locale.ROOT, "PUBACK ms    p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                    p50Ms, p99Ms, p999Ms, maxMs));
        }
        return sb.toString();
    }
}
