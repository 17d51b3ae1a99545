package io.anju.jobs.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.json.Json;
import io.anju.jobs.command.AutoStopPolicy;
import io.anju.sim.truth.ExpectedWarning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores the alerts of a run against the simulator's ground truth: its injected faults and the warnings its own
 * scenario may raise without a fault ({@link ExpectedWarning}, e.g. a holiday's blue crowd zones).
 * <ul>
 *   <li>A fault is <b>detected</b> when exactly one episode of its expected type is at its place during it, that
 *   episode reaches the expected severity, and it was raised within the fault's bound (device time). An episode
 *   already open when the fault began (an expected warning, say a blue crowd zone before a surge) detects it when
 *   it rises within the bound: its latency is that of the first revision above its severity at the fault's start.</li>
 *   <li>An episode is <b>explained</b> when it detects a fault, or is at the place of some fault, during it (or up
 *   to {@link #AFTERMATH_MS} after), and its type is one that fault may cause: the expected type, plus the forecast
 *   and inflow warnings of a crowd surge.</li>
 *   <li>An episode is <b>expected</b> when it matches an expected warning: same type and source, its highest
 *   severity not above the expected one, raised within the warning's interval give or take {@link #LEAD_MS}.</li>
 *   <li>A {@code mass_cutoff_held} episode is explained only by faults that may stop ports (fire risk, port
 *   overload) at its compound, at least two of them at its raise: the cap holds a stop only past its count, so one
 *   fault can never cause it. No scenario plays such a burst; there it is a false alarm.</li>
 * </ul>
 * Recall = detected faults / faults; precision = (explained or expected episodes) / episodes. The expected warnings
 * that were raised are reported, not scored: they may or may not happen.
 */
final class DetectionScore {
    /** A fault's consequences may outlast it a little (a port cooling down, a crowd draining). */
    static final long AFTERMATH_MS = 10 * 60_000L;
    /** Readings are periodic: a detection may be based on a reading taken shortly before the injected start. */
    static final long LEAD_MS = 60_000L;

    record Fault(String kind, String deviceId, String compoundId, String zoneId, Integer port, long startTs, long endTs,
                 AlertType expected, Severity severity, long withinMs) {
    }

    record FaultResult(Fault fault, List<Episode> matches, boolean detected, String why, long latencyMs) {
    }

    /** A ground-truth file: its injected faults and its expected warnings. */
    record Truth(List<Fault> faults, List<ExpectedWarning> expected) {
    }

    private final List<Fault> faults;
    private final List<ExpectedWarning> expected;
    private final List<Episode> episodes;
    private final List<FaultResult> results = new ArrayList<>();
    private final List<Episode> unexplained = new ArrayList<>();
    private final List<Episode> expectedRaised = new ArrayList<>();

    DetectionScore(List<Fault> faults, List<Alert> alerts) {
        this(new Truth(faults, List.of()), alerts);
    }

    DetectionScore(Truth truth, List<Alert> alerts) {
        this.faults = List.copyOf(truth.faults());
        this.expected = List.copyOf(truth.expected());
        this.episodes = Episode.of(alerts);
        for (Fault f : faults) {
            results.add(score(f));
        }
        for (Episode e : episodes) {
            boolean isExpected = expected.stream().anyMatch(w -> matches(w, e));
            if (isExpected) {
                expectedRaised.add(e);
            }
            boolean detects = results.stream().anyMatch(r -> r.detected() && r.matches().contains(e));
            if (!isExpected && !detects && faults.stream().noneMatch(f -> explains(f, e)) && !heldByTheCap(e)) {
                unexplained.add(e);
            }
        }
    }

    /** Reads a ground-truth JSONL file: lines with {@code fault} are injected faults, with {@code warning} expected. */
    static Truth readGroundTruth(Path file) throws IOException {
        List<Fault> faults = new ArrayList<>();
        List<ExpectedWarning> warnings = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = Json.mapper().readTree(line);
            if (n.has("warning")) {
                warnings.add(Json.mapper().treeToValue(n, ExpectedWarning.class));
                continue;
            }
            JsonNode exp = n.path("expected");
            faults.add(new Fault(n.path("fault").asText(), n.path("deviceId").asText(), text(n, "compoundId"),
                    text(n, "zoneId"), n.hasNonNull("port") ? n.get("port").asInt() : null, n.path("startTs").asLong(),
                    n.path("endTs").asLong(), AlertType.fromWire(exp.path("alert").asText()),
                    Severity.fromWire(exp.path("severity").asText()), exp.path("withinMs").asLong()));
        }
        return new Truth(faults, warnings);
    }

    private FaultResult score(Fault f) {
        List<Episode> matches = episodes.stream()
                .filter(e -> e.type() == f.expected() && atPlace(f, e) && openDuring(f, e)).toList();
        if (matches.size() != 1) {
            return new FaultResult(f, matches, false, matches.isEmpty() ? "no alert" : matches.size() + " episodes",
                    -1);
        }
        Episode e = matches.get(0);
        long reaction = reactionTs(f, e);
        if (reaction == Long.MIN_VALUE) {
            return new FaultResult(f, matches, false, "open before the fault and did not rise", -1);
        }
        long latency = reaction - f.startTs();
        if (e.maxSeverity() != f.severity()) {
            return new FaultResult(f, matches, false, "reached " + e.maxSeverity().wireName() + ", expected "
                    + f.severity().wireName(), latency);
        }
        if (latency > f.withinMs()) {
            return new FaultResult(f, matches, false, "raised after " + latency / 1000 + " s, bound "
                    + f.withinMs() / 1000 + " s", latency);
        }
        if (!e.wellFormed()) {
            return new FaultResult(f, matches, false, "revisions not 1..n with one raise", latency);
        }
        return new FaultResult(f, matches, true, "ok", latency);
    }

    /** Raised in time, or already open (not cleared) when the fault began and raised no later than its end. */
    private static boolean openDuring(Fault f, Episode e) {
        if (inTime(f, e)) {
            return true;
        }
        long start = f.startTs() - LEAD_MS;
        return e.first().firstEventTs() < start && e.revisions().stream()
                .noneMatch(a -> a.status() == AlertStatus.CLEARED && a.lastEventTs() < start);
    }

    /**
     * When the episode answered the fault: its raise, or for one open before the fault the first revision above the
     * severity it had at the fault's start; {@link Long#MIN_VALUE} when it never rose.
     */
    private static long reactionTs(Fault f, Episode e) {
        if (inTime(f, e)) {
            return e.first().firstEventTs();
        }
        long start = f.startTs() - LEAD_MS;
        Severity before = e.first().severity();
        for (Alert a : e.revisions()) {
            if (a.lastEventTs() < start) {
                before = a.severity();
            } else if (a.severity().compareTo(before) > 0) {
                return a.lastEventTs();
            }
        }
        return Long.MIN_VALUE;
    }

    private static boolean matches(ExpectedWarning w, Episode e) {
        long t = e.first().firstEventTs();
        return w.warning() == e.type() && w.sourceId().equals(e.first().sourceId())
                && w.severity().atLeast(e.maxSeverity()) && t >= w.fromTs() - LEAD_MS && t <= w.toTs() + LEAD_MS;
    }

    private static boolean explains(Fault f, Episode e) {
        return allowedTypes(f).contains(e.type()) && atPlace(f, e) && inTime(f, e);
    }

    /** A {@code mass_cutoff_held} raised while two or more faults that stop ports were at its compound. */
    private boolean heldByTheCap(Episode e) {
        return e.type() == AlertType.MASS_CUTOFF_HELD && faults.stream()
                .filter(f -> AutoStopPolicy.ELIGIBLE.contains(f.expected()) && atPlace(f, e) && inTime(f, e))
                .count() >= 2;
    }

    private static Set<AlertType> allowedTypes(Fault f) {
        if (f.expected() == AlertType.CROWD_DENSITY) {
            return Set.of(AlertType.CROWD_DENSITY, AlertType.CROWD_FORECAST, AlertType.CROWD_INFLOW);
        }
        return Set.of(f.expected());
    }

    private static boolean atPlace(Fault f, Episode e) {
        Alert a = e.first();
        return switch (a.sourceKind()) {
            case ZONE -> a.location() != null && f.zoneId() != null && f.zoneId().equals(a.location().zoneId());
            case BUILDING, COMPOUND -> a.location() != null && f.compoundId() != null
                    && f.compoundId().equals(a.location().compoundId());
            case PORT -> f.deviceId().equals(a.deviceId()) && (f.port() == null || f.port().equals(a.port()));
            case DEVICE -> f.deviceId().equals(a.deviceId());
        };
    }

    private static boolean inTime(Fault f, Episode e) {
        long t = e.first().firstEventTs();
        return t >= f.startTs() - LEAD_MS && t <= f.endTs() + AFTERMATH_MS;
    }

    double recall() {
        return faults.isEmpty() ? 1.0 : results.stream().filter(FaultResult::detected).count() / (double) faults.size();
    }

    double precision() {
        return episodes.isEmpty() ? 1.0 : (episodes.size() - unexplained.size()) / (double) episodes.size();
    }

    List<FaultResult> results() {
        return results;
    }

    List<Episode> unexplained() {
        return unexplained;
    }

    List<Episode> episodes() {
        return episodes;
    }

    /** Episodes that match an expected warning (raised by the scenario's own behaviour, not by a fault). */
    List<Episode> expectedRaised() {
        return expectedRaised;
    }

    /** The precision/recall table per fault kind, then every miss and every unexplained episode. */
    String table() {
        Map<String, int[]> byKind = new LinkedHashMap<>();
        for (FaultResult r : results) {
            int[] c = byKind.computeIfAbsent(r.fault().kind(), k -> new int[2]);
            c[0]++;
            if (r.detected()) {
                c[1]++;
            }
        }
        StringBuilder t = new StringBuilder();
        t.append(String.format("%-18s %6s %8s %7s%n", "fault", "faults", "detected", "recall"));
        byKind.forEach((kind, c) -> t.append(String.format("%-18s %6d %8d %6.0f%%%n", kind, c[0], c[1],
                100.0 * c[1] / c[0])));
        t.append(String.format("all: %d faults, recall %.1f%%; %d alert episodes, %d unexplained, precision %.1f%%%n",
                faults.size(), 100 * recall(), episodes.size(), unexplained.size(), 100 * precision()));
        t.append(String.format("expected warnings: %d named, %d raised by %d episodes%n", expected.size(),
                expected.stream().filter(w -> expectedRaised.stream().anyMatch(e -> matches(w, e))).count(),
                expectedRaised.size()));
        for (FaultResult r : results) {
            t.append(String.format("  %-4s %-16s %-14s port=%-4s -> %s (latency %s)%n", r.detected() ? "ok" : "MISS",
                    r.fault().kind(), r.fault().deviceId(), r.fault().port(), r.why(),
                    r.latencyMs() < 0 ? "-" : r.latencyMs() / 1000 + " s"));
        }
        for (Episode e : episodes) {
            t.append(String.format("  episode %-24s %-22s %s%n", e.type().wireName(), e.place(),
                    e.revisions().stream().map(a -> a.status().wireName().charAt(0) + ":" + a.severity().wireName())
                            .toList()));
        }
        for (Episode e : unexplained) {
            Alert a = e.first();
            t.append(String.format("  FALSE %s %s at %s (max %s, first event %d)%n", a.type().wireName(), a.id(),
                    e.place(), e.maxSeverity().wireName(), a.firstEventTs()));
        }
        return t.toString();
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }
}
