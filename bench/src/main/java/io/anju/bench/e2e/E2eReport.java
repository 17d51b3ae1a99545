package io.anju.bench.e2e;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The markdown section of one run: figures first, then the goals with a verdict each, then whether anything
 * was lost. Also the progress lines printed while the run goes on.
 */
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
        lags(b, r.lags());
        groups(b, s, r);
        cases(b, s, r.cases());
        E2eResult.Stored st = r.stored();
        line(b, "InfluxDB              load chargers: charger_station %,d points (window ±30 s), charger_port_minute "
                + "%,d port readings (its whole minutes)", st.stationPoints(), st.portReadings());
        line(b, "same-millisecond      %,d load records repeat their device's previous ts (they overwrite its point)",
                st.sameMillis());
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
        goals(b, s, r);
        long expected = st.loadRecords() - st.sameMillis();
        line(b, "Loss check (the load's devices; the probes' readings are left out): acknowledged %,d ≤ their Kafka "
                        + "records %,d: %s. Kafka records %,d − %,d same-millisecond repeats = %,d points expected; "
                        + "charger_station %,d: %s. Port readings (one per load message, same-millisecond repeats "
                        + "included) %,d; counted in charger_port_minute %,d: %s.",
                t.acked(), st.loadRecords(),
                t.acked() <= st.loadRecords() ? "no acknowledged message lost" : "LOST " + (t.acked() - st.loadRecords()),
                st.loadRecords(), st.sameMillis(), expected, st.stationPoints(),
                verdict(expected, st.stationPoints(), r.groups().historyCaughtUpS()), st.loadRecords(),
                st.portReadings(), st.portReadings() == st.loadRecords() ? "every reading counted"
                        : verdict(st.loadRecords(), st.portReadings(), r.groups().historyCaughtUpS()));
        b.append('\n');
        return b.toString();
    }

    private static void lags(StringBuilder b, E2eResult.Lags l) {
        LagSummary a = l.alerting();
        line(b, "alerting lag          receiveLagMs of the %s job's Kafka source, max over its subtasks, once a second: %s",
                JobLags.ALERTS_JOB, loadFigures(a));
        line(b, "  after the load      %s", recovery(a, l.drainS()));
        LagSummary h = l.history();
        line(b, "history lag           historyLagMs of the %s job's sink '%s', max over its subtasks, once a second: %s",
                JobLags.HISTORY_JOB, JobLags.CHARGERS_SINK, loadFigures(h));
        line(b, "  after the load      %s", recovery(h, l.drainS()));
        line(b, "lag scrapes           %,d once a second (%,d failed; with the figure: %d alerting, %d history), the "
                + "last %.0f s after the load", l.scrapes(), l.failures(), a.loadSamples() + a.drainSamples(),
                h.loadSamples() + h.drainSamples(), l.drainS());
    }

    private static String loadFigures(LagSummary x) {
        if (x.loadSamples() == 0) {
            return "NO sample during the load";
        }
        Distribution d = x.load();
        return String.format(Locale.ROOT, "load p50 %s  p99 %s  max %s; %.0f %% of %d samples ≤ %s%s", sec(d.p50()),
                sec(d.p99()), sec(d.max()), 100 * x.shareWithinGoal(), x.loadSamples(), sec(x.goalMs()),
                x.longestAboveS() > 0 ? String.format(Locale.ROOT, " (longest stretch above: %d s)", x.longestAboveS())
                        : "");
    }

    private static String recovery(LagSummary x, double drainS) {
        String max = x.drainSamples() == 0 ? "no sample after the load"
                : "max " + sec(x.drainMaxMs()) + " after the load, last " + sec(x.lastMs());
        return x.recoveredAfterS() < 0
                ? String.format(Locale.ROOT, "NOT back ≤ %s within the %.0f s sampled after the load (%s)",
                sec(x.goalMs()), drainS, max)
                : String.format(Locale.ROOT, "back ≤ %s (%d samples in a row) %.0f s after the load ended (%s)",
                sec(x.goalMs()), LagSummary.RECOVERED_SAMPLES, x.recoveredAfterS(), max);
    }

    private static void groups(StringBuilder b, E2eSettings s, E2eResult r) {
        E2eResult.Groups g = r.groups();
        line(b, "committed offsets     at the load's end alerting %,d and history %,d records behind (groups "
                        + "%s-alerts/-history; they commit at checkpoints only, every 10 s by default)",
                g.alertsBehindAtEnd(), g.historyBehindAtEnd(), E2eRun.JOBS_GROUP_PREFIX);
        line(b, "  caught up           alerting %s; history %s", caughtUp(g.alertsCaughtUpS(), s),
                g.historyCaughtUpS() < 0 ? caughtUp(-1, s) + String.format(Locale.ROOT, " (committed %,d of %,d)",
                        g.historyCommitted(), r.kafkaRecords()) : caughtUp(g.historyCaughtUpS(), s));
    }

    private static String caughtUp(double seconds, E2eSettings s) {
        return seconds < 0 ? "NOT within " + s.drainTimeout().toSeconds() + " s"
                : String.format(Locale.ROOT, "%.0f s after the load ended", seconds);
    }

    private static void cases(StringBuilder b, E2eSettings s, E2eResult.CaseFigures c) {
        ProbeLedger.Summary x = c.summary();
        Distribution d = x.toCommitted();
        line(b, "publish → case        p50 %.0f ms  p90 %.0f ms  p99 %.0f ms  max %.0f ms (case committed: the case "
                        + "event's time); %d probe readings during the load, %d committed, %d not (yet), %d wrong kind",
                d.p50(), d.p90(), d.p99(), d.max(), x.sent(), x.committed(), x.unmatched(), x.wrongKind());
        line(b, "publish → alert       emitted p50 %.0f ms  p99 %.0f ms  max %.0f ms; read from anju.alerts p50 %.0f ms  "
                        + "p99 %.0f ms  max %.0f ms (%d of %d)", x.toEmitted().p50(), x.toEmitted().p99(),
                x.toEmitted().max(), x.toRead().p50(), x.toRead().p99(), x.toRead().max(), x.alerted(), x.sent());
        line(b, "alert → case          emitted → committed p50 %.0f ms  p99 %.0f ms  max %.0f ms",
                x.emittedToCommitted().p50(), x.emittedToCommitted().p99(), x.emittedToCommitted().max());
        line(b, "case probe            %d district chargers, a port at %.2f × its limit every %d s then cleared; "
                        + "PUBACK p50 %.0f ms  p99 %.0f ms  max %.0f ms; %,d readings published, %d failed; %d case "
                        + "polls failed", c.chargers(), CaseProbe.OVERLOAD_FACTOR, s.caseProbeEvery().toSeconds(),
                c.pubAck().p50(), c.pubAck().p99(), c.pubAck().max(), c.published(), c.sendFailures(),
                c.pollFailures());
        StopResult st = c.stops();
        if (st != null) {
            stops(b, st);
        }
    }

    /** The stop probe's figures: per kind, stop issued → readings and alert (or request) → the case's history. */
    static void stops(StringBuilder b, StopResult st) {
        StopFigures a = st.automatic();
        StopFigures p = st.person();
        line(b, "automatic stop        %d red fire_risk (smoke, the probe charger's spare port the hottest) during the "
                + "load → the job's stop_port", a.sent());
        stopLine(b, "  issued → charger", a.toChargerMs(), a.sent(), "the job's stop_port record → the probe "
                + "charger's command topic");
        stopLine(b, "  issued → readings", a.toReadingsMs(), a.sent(), "the job's stop_port record → its confirmed "
                + "record, the probe charger reporting every " + CaseProbe.TICK_MS + " ms");
        stopLine(b, "  alert → in the case", a.toCaseMs(), a.sent(), "the fire_risk record → the confirmation's "
                + "entry in the fire-risk case's history");
        line(b, "person's stop         %d stop_port through the case API (port-overload case, as the district "
                + "operator) during the load", p.sent());
        stopLine(b, "  sent → charger", p.toChargerMs(), p.sent(), "the request → the probe charger's command topic");
        stopLine(b, "  sent → readings", p.toReadingsMs(), p.sent(), "the request → the job's confirmed record");
        stopLine(b, "  sent → in the case", p.toCaseMs(), p.sent(), "the request → the confirmation's entry in the "
                + "case's history");
        line(b, "stops not confirmed   %d (within %d s each, by readings and then in the case); %d confirmed by a "
                        + "reading from before the stop reached the charger (left out above); %d retried by the job, "
                        + "%d refused by the case service, %d withheld by the cap, %d resumes refused",
                st.missed().size(), E2eRun.STOP_TIMEOUT.toSeconds(), st.early().size(), st.retried(), st.refused(),
                st.withheld(), st.resumesRefused());
        for (String m : st.missed()) {
            line(b, "  - not confirmed: %s", m);
        }
        for (String m : st.early()) {
            line(b, "  - early: %s", m);
        }
    }

    private static void stopLine(StringBuilder b, String name, Distribution d, int of, String what) {
        line(b, "%-21s p50 %.0f ms  p99 %.0f ms  max %.0f ms (%d of %d; %s)", name, d.p50(), d.p99(), d.max(), d.n(),
                of, what);
    }

    private static void goals(StringBuilder b, E2eSettings s, E2eResult r) {
        LagSummary a = r.lags().alerting();
        line(b, "- **Alerting lag ≤ %s throughout**: %s — p99 %s, max %s over %d samples; %.0f %% within.",
                sec(E2eSettings.ALERTING_LAG_GOAL.toMillis()), lagVerdict(a), sec(a.load().p99()), sec(a.load().max()),
                a.loadSamples(), 100 * a.shareWithinGoal());
        ProbeLedger.Summary x = r.cases().summary();
        line(b, "- **Device publish → case committed p99 ≤ %d ms**: %s — p99 %.0f ms over %d of %d probe readings%s.",
                E2eSettings.CASE_P99_GOAL.toMillis(), caseVerdict(x, E2eSettings.CASE_P99_GOAL.toMillis()), x.toCommitted().p99(),
                x.committed(), x.sent(), x.unmatched() + x.wrongKind() > 0
                        ? String.format(Locale.ROOT, " (%d not committed, counted as late for the verdict)",
                        x.unmatched() + x.wrongKind()) : "");
        LagSummary h = r.lags().history();
        line(b, "- **History lag bounded and recovered**: max %s during the load; %s.",
                h.loadSamples() == 0 ? "unknown (no sample)" : sec(h.load().max()),
                h.recoveredAfterS() < 0 ? String.format(Locale.ROOT, "NOT recovered (≤ %s) within the %.0f s sampled "
                        + "after the load", sec(h.goalMs()), r.lags().drainS())
                        : String.format(Locale.ROOT, "recovered (≤ %s) %.0f s after the load ended",
                        sec(h.goalMs()), h.recoveredAfterS()));
        b.append('\n');
    }

    static String lagVerdict(LagSummary x) {
        return switch (x.verdict()) {
            case MET -> "MET";
            case NOT_MET -> String.format(Locale.ROOT, "NOT MET (%d of %d samples above, longest stretch %d s)",
                    x.loadSamples() - x.withinGoal(), x.loadSamples(), x.longestAboveS());
            case NOT_SHOWN -> String.format(Locale.ROOT, "NOT SHOWN (%d samples for %d s of load)", x.loadSamples(),
                    x.loadSeconds());
        };
    }

    static String caseVerdict(ProbeLedger.Summary x, long goalMs) {
        if (x.sent() == 0) {
            return "NOT SHOWN (no probe reading during the load)";
        }
        if (x.p99WithUnmatchedMs() <= goalMs) {
            return "MET";
        }
        return Double.isInfinite(x.p99WithUnmatchedMs()) ? "NOT MET (over 1 % of the probe readings not committed)"
                : String.format(Locale.ROOT, "NOT MET (p99 %.0f ms)", x.p99WithUnmatchedMs());
    }

    /** One progress line of the load. */
    static String progress(double seconds, double ackedPerSec, double kafkaPerSec, double[] gatewayPubAckMs,
                           Distribution probePubAck, JobLags now, JobLags recentMax, ProbeLedger.Summary cases,
                           StopResult stops) {
        return String.format(Locale.ROOT, "t=%4.0fs  acked %s/s, Kafka %,.0f/s | PUBACK gateway p50 %s p99 %s "
                        + "(recent), probe p99 %s | alerting lag %s (10 s max %s) | history lag %s | cases %d/%d probe "
                        + "readings committed, p99 %.0f ms | stops %d/%d in the case, %d not confirmed", seconds,
                ackedPerSec < 0 ? "?" : String.format(Locale.ROOT, "%,.0f", ackedPerSec), kafkaPerSec,
                gatewayPubAckMs[0] < 0 ? "?" : sec(gatewayPubAckMs[0]), gatewayPubAckMs[1] < 0 ? "?"
                        : sec(gatewayPubAckMs[1]), probePubAck.n() == 0 ? "?" : sec(probePubAck.p99()),
                lag(now.alertingMs()), lag(recentMax.alertingMs()), lag(now.historyMs()), cases.committed(),
                cases.sent(), cases.toCommitted().p99(), stops.confirmedInCase(), stops.sent(), stops.missed().size());
    }

    /** One progress line of the drain. */
    static String drainProgress(double seconds, long[] behind, JobLags latest, int[] probes) {
        return String.format(Locale.ROOT, "drain +%3.0fs  committed: alerting %,d and history %,d records behind | "
                        + "alerting lag %s | history lag %s | cases %d/%d probe readings committed", seconds,
                Math.max(0, behind[0]), Math.max(0, behind[1]), lag(latest.alertingMs()), lag(latest.historyMs()),
                probes[1], probes[0]);
    }

    private static String lag(long ms) {
        return ms == JobLags.ABSENT ? "absent" : sec(ms);
    }

    /** A duration in ms, for people: {@code 850 ms}, {@code 3.2 s}, {@code 41 s}. */
    static String sec(double ms) {
        if (ms < 1_000) {
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        if (ms % 1_000 == 0) {
            return String.format(Locale.ROOT, "%,.0f s", ms / 1000);
        }
        return ms < 10_000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000) : String.format(Locale.ROOT, "%,.0f s",
                ms / 1000);
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
