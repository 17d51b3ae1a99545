package io.anju.conformance.report;

import io.anju.conformance.check.Finding;
import io.anju.conformance.check.Verdict;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kit's report on one device: what was run and every check's finding.
 *
 * @param protocol  the MQTT version the device connected with, or null
 * @param startedAt the run's start (ISO-8601, UTC)
 * @param speed     the {@code --speed} the device was judged at (1: a real device)
 * @param anchorMs  the clock anchor of a simulated firmware ({@code --clock-anchor}), the kit's start
 * @param watchedS  how long the kit watched (real seconds)
 */
public record DeviceReport(String deviceId, String type, String protocol, String startedAt, double speed, long anchorMs,
                           long watchedS, Verdict verdict, List<Finding> findings) {

    public DeviceReport {
        findings = List.copyOf(findings);
    }

    /** FAIL when a check failed, else PASS (warnings pass). */
    public static Verdict overall(List<Finding> findings) {
        return findings.stream().anyMatch(f -> f.verdict() == Verdict.FAIL) ? Verdict.FAIL : Verdict.PASS;
    }

    public Finding finding(String check) {
        return findings.stream().filter(f -> f.check().equals(check)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no check " + check));
    }

    /** Checks per verdict. */
    public Map<Verdict, List<String>> byVerdict() {
        Map<Verdict, List<String>> m = new TreeMap<>();
        for (Verdict v : Verdict.values()) {
            m.put(v, findings.stream().filter(f -> f.verdict() == v).map(Finding::check).toList());
        }
        return m;
    }

    /** One line for the console: the verdict, the counts, the failing checks. */
    public String summaryLine() {
        Map<Verdict, List<String>> by = byVerdict();
        return String.format("%s (%s): %s — %d pass, %d warn%s, %d fail%s, %d not applicable", deviceId, type,
                verdict.name(), by.get(Verdict.PASS).size(), by.get(Verdict.WARN).size(),
                by.get(Verdict.WARN).isEmpty() ? "" : " " + by.get(Verdict.WARN),
                by.get(Verdict.FAIL).size(), by.get(Verdict.FAIL).isEmpty() ? "" : " " + by.get(Verdict.FAIL),
                by.get(Verdict.NOT_APPLICABLE).size());
    }
}
