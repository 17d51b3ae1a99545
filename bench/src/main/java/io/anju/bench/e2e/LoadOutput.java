package io.anju.bench.e2e;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the lines {@code ./anju sim load} prints: the per-second progress and the final report. */
final class LoadOutput {
    private static final Pattern PROGRESS = Pattern.compile(
            "^t=\\s*(\\d+)s rate=(\\d+)/s sent=(\\d+) acked=(\\d+) errors=(\\d+) inflight=(\\d+) connected=(\\d+)");
    private static final Pattern MESSAGES = Pattern.compile(
            "^messages\\s+(\\d+) sent, (\\d+) acknowledged, (\\d+) errors in ([\\d.]+) s");
    private static final Pattern PUBACK = Pattern.compile(
            "^PUBACK ms\\s+p50 ([\\d.]+)\\s+p99 ([\\d.]+)\\s+p99\\.9 ([\\d.]+)\\s+max ([\\d.]+)");
    private static final Pattern CONNECTED = Pattern.compile("^connections\\s+(\\d+) requested, (\\d+) connected, (\\d+) failed");

    /** One progress line: the second of the run and the running totals. */
    record Progress(long second, long sent, long acked, long errors, long inflight, long connected) {
    }

    /** The final report's figures. */
    record Totals(long sent, long acked, long errors, double seconds) {
    }

    record PubAck(double p50Ms, double p99Ms, double p999Ms, double maxMs) {
    }

    record Connections(int requested, int connected, int failed) {
    }

    private LoadOutput() {
    }

    static Optional<Progress> progress(String line) {
        Matcher m = PROGRESS.matcher(line);
        return m.find() ? Optional.of(new Progress(Long.parseLong(m.group(1)), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)),
                Long.parseLong(m.group(7)))) : Optional.empty();
    }

    static Optional<Totals> totals(String line) {
        Matcher m = MESSAGES.matcher(line);
        return m.find() ? Optional.of(new Totals(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                Long.parseLong(m.group(3)), Double.parseDouble(m.group(4)))) : Optional.empty();
    }

    static Optional<PubAck> pubAck(String line) {
        Matcher m = PUBACK.matcher(line);
        return m.find() ? Optional.of(new PubAck(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)))) : Optional.empty();
    }

    static Optional<Connections> connections(String line) {
        Matcher m = CONNECTED.matcher(line);
        return m.find() ? Optional.of(new Connections(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)))) : Optional.empty();
    }
}
