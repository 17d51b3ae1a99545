package io.anju.platform.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The markdown section of one run: figures first, then how one message fans out and whether anything was lost. */
final class E2eReport {
    private E2eReport() {
    }

    static String format(E2eSettings s, E2eResult r) {
        StringBuilder b = new StringBuilder();
        line(b, "## Run %s – %s UTC: %,d msg/s QoS 1 aimed, %d s, %,d connections (window %d)", r.loadStart(),
                r.loadEnd(), s.rate(), s.duration().toSeconds(), s.connections(), s.window());
        b.append("\n```\n");
        LoadOutput.Connections c = r.connections();
        if (c != null) {
            line(b, "load connections      %,d requested, %,d connected, %,d failed", c.requested(), c.connected(),
                    c.failed());
        }
        LoadOutput.Totals t = r.totals();
        line(b, "load                  %,d sent, %,d acknowledged, %,d errors in %.1f s", t.sent(), t.acked(),
                t.errors(), t.seconds());
        line(b, "throughput            %,.0f acknowledged/s over the run; %,.0f/s steady (last %.0f s)",
                t.acked() / Math.max(1e-3, t.seconds()), r.steadyAckedPerSec(), r.steadySeconds());
        if (r.pubAck() != null) {
            line(b, "PUBACK ms             p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f", r.pubAck().p50Ms(),
                    r.pubAck().p99Ms(), r.pubAck().p999Ms(), r.pubAck().maxMs());
        }
        line(b, "Kafka                 %,d records into %s (%,.0f/s); gateway counted %,d forwarded (all types)",
                r.kafkaRecords(), E2eRun.CHARGER_TOPIC, r.kafkaPerSec(), r.gatewayForwarded());
        line(b, "records/s timeline    %s", timeline(r.timeline()));
        line(b, "job lag at load end   alerting %,d records, history %,d records", r.alertsLagAtEnd(),
                r.historyLagAtEnd());
        line(b, "alerting caught up    %s", r.alertsCaughtUpS() < 0 ? "NOT within " + s.drainTimeout().toSeconds()
                + " s" : String.format(Locale.ROOT, "%.0f s after the load ended", r.alertsCaughtUpS()));
        line(b, "history caught up     %s", r.historyCaughtUpS() < 0
                ? "NOT within " + s.drainTimeout().toSeconds() + " s (committed " + String.format(Locale.ROOT, "%,d",
                r.historyCommitted()) + " of " + String.format(Locale.ROOT, "%,d", r.kafkaRecords()) + ")"
                : String.format(Locale.ROOT, "%.0f s after the load ended", r.historyCaughtUpS()));
        line(b, "InfluxDB              charger_station %,d points (window ±30 s), charger_port_minute %,d port "
                + "readings (its whole minutes)", r.stationPoints(), r.portReadings());
        line(b, "same-millisecond      %,d records repeat their device's previous ts (they overwrite its point)",
                r.sameMillis());
        ZoneProbe.Result p = r.probe();
        line(b, "publish → dashboard   p50 %.0f ms  p90 %.0f ms  p99 %.0f ms  max %.0f ms (%d of %d probe readings "
                        + "timed; %s in %s; %d send failures)", p.p50Ms(), p.p90Ms(), p.p99Ms(), p.maxMs(), p.timed(),
                p.sentWhileMeasuring(), p.deviceId(), p.zoneId(), p.sendFailures());
        line(b, "/api/live events      %s (as %s)", events(r.liveEvents()), s.viewer());
        for (ProcessSampler.Usage u : r.usages()) {
            line(b, "%-21s CPU %.2f cores mean, %.2f peak (5 s); RSS %,d MiB mean, %,d MiB max", u.name(),
                    u.meanCores(), u.peakCores5s(), u.meanRssMiB(), u.peakRssMiB());
        }
        ProcessSampler.Machine m = r.machine();
        line(b, "machine               %d cores, %.2f busy on average, %.2f of them outside the two JVMs", m.cores(),
                m.meanBusyCores(), m.meanOtherCores());
        b.append("```\n\n");
        long expected = r.kafkaRecords() - r.sameMillis();
        line(b, "Loss check: acknowledged %,d ≤ Kafka records %,d: %s. Kafka records %,d − %,d same-millisecond "
                        + "repeats = %,d points expected; charger_station %,d: %s; charger_port_minute counts %,d port "
                        + "readings (one port per load message; a minute is written once event time has passed it).",
                t.acked(), r.kafkaRecords(),
                t.acked() <= r.kafkaRecords() ? "no acknowledged message lost" : "LOST " + (t.acked() - r.kafkaRecords()),
                r.kafkaRecords(), r.sameMillis(), expected, r.stationPoints(),
                verdict(expected, r.stationPoints(), r.historyCaughtUpS()), r.portReadings());
        b.append('\n');
        return b.toString();
    }

    private static String verdict(long records, long points, double caughtUp) {
        if (records == points) {
            return "every record stored";
        }
        if (caughtUp < 0) {
            return String.format(Locale.ROOT, "%,d not written yet (the history job had not caught up)",
                    records - points);
        }
        return String.format(Locale.ROOT, "MISMATCH of %,d", records - points);
    }

    static String timeline(List<double[]> samples) {
        StringBuilder b = new StringBuilder();
        for (double[] x : samples) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(String.format(Locale.ROOT, "%.0fs:%,.0f", x[0], x[1]));
        }
        return b.length() == 0 ? "(none)" : b.toString();
    }

    private static String events(Map<String, Long> byName) {
        StringBuilder b = new StringBuilder();
        byName.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %,d", k, v)));
        return b.length() == 0 ? "none" : b.toString();
    }

    private static void line(StringBuilder b, String format, Object... args) {
        b.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
