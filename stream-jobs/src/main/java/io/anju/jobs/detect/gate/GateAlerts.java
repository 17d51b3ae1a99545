package io.anju.jobs.detect.gate;

import io.anju.common.alert.AlertFact;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.jobs.alert.AlertDraft;
import io.anju.jobs.input.GateEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The words, severities, actions and evidence of the gate alerts. */
final class GateAlerts {
    static final String DISPATCH_SECURITY = "dispatch_security";
    static final String CHECK_GATE = "check_gate";
    static final String NOTIFY_SECURITY = "notify_security";
    /** Denials of a burst listed as evidence at most. */
    static final int MAX_EVIDENCE = 10;
    /** Persons whose repeated denial is a security matter rather than a faulty reader. */
    private static final Set<String> SUSPECT_PERSONS = Set.of("unknown", "watchlist");

    private GateAlerts() {
    }

    static AlertDraft forcedOpen(GateEvent e, Episode run) {
        return single(AlertType.GATE_FORCED_OPEN, Severity.ORANGE, DISPATCH_SECURITY, e, run,
                "forced open without a verified pass");
    }

    static AlertDraft heldOpen(GateEvent e, Episode run) {
        return single(AlertType.GATE_HELD_OPEN, Severity.YELLOW, CHECK_GATE, e, run, "held open past its limit");
    }

    static AlertDraft tailgating(GateEvent e, Episode run) {
        return single(AlertType.GATE_TAILGATING, Severity.YELLOW, NOTIFY_SECURITY, e, run, "tailgating");
    }

    /**
     * A burst of residents' denials points at the reader ({@code check_gate}); unknown or watch-listed persons among
     * them make it a matter for security ({@code dispatch_security}).
     */
    static AlertDraft deniedBurst(GateEvent e, Episode run, List<Denial> burst) {
        Set<String> methods = new TreeSet<>();
        Set<String> persons = new TreeSet<>();
        for (Denial d : burst) {
            methods.add(String.valueOf(d.method()));
            persons.add(String.valueOf(d.personType()));
        }
        boolean suspect = persons.stream().anyMatch(SUSPECT_PERSONS::contains);
        long spanS = (burst.get(burst.size() - 1).ts() - burst.get(0).ts()) / 1000;
        String summary = "gate " + e.deviceId() + ": " + burst.size() + " denied verifications within " + spanS
                + " s with no pass between (methods " + String.join(", ", methods) + "; persons "
                + String.join(", ", persons) + ")" + (run.count() > 1 ? ", burst seen " + run.count() + " times since "
                + Instant.ofEpochMilli(run.firstTs()) : "");
        List<Evidence> evidence = burst.subList(Math.max(0, burst.size() - MAX_EVIDENCE), burst.size()).stream()
                .map(d -> Evidence.event(d.ts(), e.deviceId(), GateKind.DENIED.wireName(), d.snapshotId()))
                .toList();
        return AlertDraft.device(AlertType.GATE_DENIED_BURST, Severity.YELLOW, e.deviceId(), e.location(), e.ts(),
                summary, suspect ? DISPATCH_SECURITY : CHECK_GATE, evidence,
                List.of(AlertFact.figure("denials", burst.size(), "times"), AlertFact.figure("withinS", spanS, "s"),
                        AlertFact.word("suspectPerson", Boolean.toString(suspect))));
    }

    static String cleared(AlertType type, String deviceId, Episode run, Duration quiet) {
        return "gate " + deviceId + ": no " + type.wireName() + " for " + quiet.toMinutes() + " min since "
                + Instant.ofEpochMilli(run.lastTs()) + " (" + run.count() + " in this episode)";
    }

    private static AlertDraft single(AlertType type, Severity severity, String action, GateEvent e, Episode run,
                                     String what) {
        String direction = e.direction() == null ? "" : " (" + e.direction() + ")";
        String summary = run.count() == 1
                ? "gate " + e.deviceId() + " " + what + direction + " at " + Instant.ofEpochMilli(e.ts())
                : "gate " + e.deviceId() + " " + what + " " + run.count() + " times since "
                + Instant.ofEpochMilli(run.firstTs()) + ", latest" + direction + " at " + Instant.ofEpochMilli(e.ts());
        Evidence evidence = Evidence.event(e.ts(), e.deviceId(), e.kind(), e.snapshotId());
        List<AlertFact> facts = new ArrayList<>(2);
        facts.add(AlertFact.figure("times", run.count(), "times"));
        if (e.direction() != null) {
            facts.add(AlertFact.word("direction", e.direction()));
        }
        return AlertDraft.device(type, severity, e.deviceId(), e.location(), e.ts(), summary, action,
                List.of(evidence), facts);
    }
}
