package io.anju.conformance.report;

import io.anju.conformance.check.Finding;

/** The report as Markdown, for the vendor to read and attach. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(DeviceReport r) {
        StringBuilder md = new StringBuilder();
        md.append("# Conformance report: ").append(r.deviceId()).append(" (").append(r.type()).append(")\n\n");
        md.append("**").append(r.verdict().name()).append("** against docs/device-protocol.md (protocol v1).\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| Started | ").append(r.startedAt()).append(" |\n");
        md.append("| Watched | ").append(r.watchedS()).append(" s |\n");
        md.append("| MQTT | ").append(r.protocol() == null ? "never connected" : r.protocol()).append(" |\n");
        if (r.speed() != 1) {
            md.append("| Speed | ×").append(r.speed()).append(" (a simulated firmware; clock anchor ")
                    .append(r.anchorMs()).append(") |\n");
        }
        md.append("\n| Check | Verdict | Finding | Protocol section |\n|---|---|---|---|\n");
        for (Finding f : r.findings()) {
            md.append("| `").append(f.check()).append("` | ").append(f.verdict().wireName()).append(" | ")
                    .append(cell(f.summary())).append(" | ").append(cell(f.section())).append(" |\n");
        }
        md.append("\n## Evidence\n");
        for (Finding f : r.findings()) {
            md.append("\n### `").append(f.check()).append("`: ").append(f.verdict().wireName()).append("\n\n");
            if (f.evidence().isEmpty()) {
                md.append("- ").append(f.summary()).append('\n');
            }
            f.evidence().forEach(e -> md.append("- ").append(e).append('\n'));
        }
        return md.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
