package io.anju.jobs.detect.charger;

import io.anju.common.alert.AlertFact;
import io.anju.common.alert.Severity;
import io.anju.jobs.input.PortReading;

import java.io.Serializable;
import java.util.List;

/**
 * Port overload without Flink: a port above its limit for {@code orangeAfter} is orange, for {@code redAfter} (or a
 * single reading at {@code redFactor} × limit) red. Severity does not step down within a run: once a port earned a
 * {@code stop_port}, a slightly lower reading a moment later does not take it back. A reading at or below the limit
 * ends the run.
 */
public final class PortOverloadRule implements Serializable {
    public static final String ACTION_ORANGE = "inspect_port";
    public static final String ACTION_RED = "stop_port";

    private final PortOverloadSettings settings;

    public PortOverloadRule(PortOverloadSettings settings) {
        this.settings = settings;
    }

    public static boolean over(PortReading r, int limitW) {
        return r.powerW() > limitW;
    }

    /** The run after {@code r} at {@code ts}; null when the port is at or below its limit (the run, if any, ends). */
    public PortOverloadRun advance(PortOverloadRun run, PortReading r, long ts, int limitW) {
        if (!over(r, limitW)) {
            return null;
        }
        long start = run == null ? ts : run.startTs();
        boolean firstReading = run == null || run.firstW() == null;
        Severity now = severityOf(ts - start, r.powerW(), limitW);
        Severity before = run == null ? null : run.severity();
        Severity severity = before == null ? now : now == null ? before : Severity.max(before, now);
        return new PortOverloadRun(start, ts, firstReading ? ts : run.firstTs(),
                firstReading ? r.powerW() : run.firstW(), r.powerW(), r.currentA(), severity,
                run == null ? null : run.eventA());
    }

    /**
     * A run begun by the charger's own overcurrent event at {@code ts}, before telemetry shows the port over its
     * limit: the next reading, if still over, counts its duration from the event. The event alone raises nothing.
     */
    public PortOverloadRun startedByEvent(long ts, Double currentA) {
        return new PortOverloadRun(ts, ts, ts, null, 0, 0, null, currentA == null ? Double.NaN : currentA);
    }

    /** The severity a run of {@code durationMs} whose latest reading draws {@code powerW} has; null below orange. */
    public Severity severityOf(long durationMs, double powerW, int limitW) {
        if (powerW >= settings.redFactor() * limitW || durationMs >= settings.redAfter().toMillis()) {
            return Severity.RED;
        }
        return durationMs >= settings.orangeAfter().toMillis() ? Severity.ORANGE : null;
    }

    public static String action(Severity s) {
        return s == Severity.RED ? ACTION_RED : ACTION_ORANGE;
    }

    public static String summary(String deviceId, int port, PortOverloadRun run, int limitW) {
        return ChargerText.port(deviceId, port) + " draws " + ChargerText.watts(run.lastW()) + ", above its "
                + ChargerText.watts(limitW) + " limit for " + ChargerText.duration(run.durationMs());
    }

    /** The port's draw against its limit and how long it has been over. */
    public static List<AlertFact> facts(PortOverloadRun run, int limitW) {
        return List.of(AlertFact.against("powerW", run.lastW(), "W", limitW),
                AlertFact.figure("overForS", Math.max(0, run.durationMs()) / 1000, "s"));
    }

    /** Why the overload ended, from the reading that ended it. */
    public static String clearSummary(String deviceId, int port, PortReading r, PortOverloadRun run, int limitW) {
        String why = switch (r.state() == null ? "" : r.state()) {
            case "charging" -> "back to " + ChargerText.watts(r.powerW()) + ", within its " + ChargerText.watts(limitW)
                    + " limit";
            case "idle" -> "idle (session ended or port stopped)";
            case "full" -> "reports full, " + ChargerText.watts(r.powerW());
            case "fault" -> "in fault (port protection tripped)";
            default -> "at " + ChargerText.watts(r.powerW()) + " (" + r.state() + ")";
        };
        String after = run == null ? "" : " after " + ChargerText.duration(run.durationMs()) + " over the limit";
        return ChargerText.port(deviceId, port) + " " + why + after;
    }
}
