package io.anju.jobs.alert;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertFact;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The open alerts of the current key, kept in Flink keyed state so they survive a restore: one open alert per dedup
 * key. A persisting condition updates its alert (on a change of severity or recommended action, and otherwise at
 * most once per refresh interval of device time) instead of raising a new one; a cleared alert leaves the book.
 */
public final class AlertBook {
    /** Device time between two updates of an alert whose severity does not change. */
    public static final Duration DEFAULT_REFRESH = Duration.ofMinutes(5);

    private final MapState<String, OpenAlert> open;
    private final long refreshMs;
    private final LongSupplier wallClock;

    public AlertBook(MapState<String, OpenAlert> open, Duration refresh, LongSupplier wallClock) {
        this.open = open;
        this.refreshMs = refresh.toMillis();
        this.wallClock = wallClock;
    }

    public AlertBook(MapState<String, OpenAlert> open) {
        this(open, DEFAULT_REFRESH, System::currentTimeMillis);
    }

    public static MapStateDescriptor<String, OpenAlert> descriptor(String name) {
        return new MapStateDescriptor<>(name, String.class, OpenAlert.class);
    }

    /** Raises the draft's alert, or updates the open one; empty when nothing worth telling changed. */
    public Optional<Alert> raiseOrUpdate(AlertDraft d) throws Exception {
        String key = d.dedupKey();
        OpenAlert current = open.get(key);
        if (current == null) {
            OpenAlert raised = new OpenAlert(Alert.idFor(key, d.eventTs()), d.type(), d.severity(), 1, d.sourceKind(),
                    d.sourceId(), d.deviceId(), d.port(), d.location(), d.eventTs(), d.eventTs(), d.eventTs(),
                    d.summary(), d.recommendedAction(), facts(d.facts()));
            open.put(key, raised);
            return Optional.of(toAlert(key, raised, AlertStatus.RAISED, d.evidence()));
        }
        long last = Math.max(current.lastEventTs(), d.eventTs());
        boolean changed = current.severity() != d.severity()
                || !Objects.equals(current.recommendedAction(), d.recommendedAction());
        boolean refresh = d.eventTs() - current.lastEmittedEventTs() >= refreshMs;
        if (!changed && !refresh) {
            open.put(key, with(current, current.severity(), current.revision(), last, current.lastEmittedEventTs(),
                    current.summary(), current.recommendedAction(), current.facts()));
            return Optional.empty();
        }
        OpenAlert updated = with(current, d.severity(), current.revision() + 1, last, d.eventTs(), d.summary(),
                d.recommendedAction(), facts(d.facts()));
        open.put(key, updated);
        return Optional.of(toAlert(key, updated, AlertStatus.UPDATED, d.evidence()));
    }

    /** Clears the open alert of {@code dedupKey}; empty when none is open. */
    public Optional<Alert> clear(String dedupKey, long eventTs, String summary, List<Evidence> evidence)
            throws Exception {
        OpenAlert current = open.get(dedupKey);
        if (current == null) {
            return Optional.empty();
        }
        open.remove(dedupKey);
        OpenAlert cleared = with(current, current.severity(), current.revision() + 1,
                Math.max(current.lastEventTs(), eventTs), eventTs, summary == null ? current.summary() : summary,
                current.recommendedAction(), current.facts());
        return Optional.of(toAlert(dedupKey, cleared, AlertStatus.CLEARED, evidence));
    }

    public Optional<OpenAlert> get(String dedupKey) throws Exception {
        return Optional.ofNullable(open.get(dedupKey));
    }

    public boolean isOpen(String dedupKey) throws Exception {
        return open.contains(dedupKey);
    }

    /** True when any alert of the current key is open: one look, without building a dedup key. */
    public boolean anyOpen() throws Exception {
        return !open.isEmpty();
    }

    /** The severity of the open alert of {@code dedupKey}, or null. */
    public Severity severity(String dedupKey) throws Exception {
        OpenAlert a = open.get(dedupKey);
        return a == null ? null : a.severity();
    }

    private static OpenAlert with(OpenAlert a, Severity severity, int revision, long lastEventTs,
                                  long lastEmittedEventTs, String summary, String action, List<AlertFact> facts) {
        return new OpenAlert(a.id(), a.type(), severity, revision, a.sourceKind(), a.sourceId(), a.deviceId(), a.port(),
                a.location(), a.firstEventTs(), lastEventTs, lastEmittedEventTs, summary, action, facts);
    }

    private static List<AlertFact> facts(List<AlertFact> facts) {
        return facts == null ? List.of() : List.copyOf(facts);
    }

    private Alert toAlert(String key, OpenAlert a, AlertStatus status, List<Evidence> evidence) {
        return new Alert(a.id(), key, a.type(), a.severity(), status, a.revision(), a.sourceKind(), a.sourceId(),
                a.deviceId(), a.port(), a.location(), a.firstEventTs(), a.lastEventTs(), wallClock.getAsLong(),
                a.summary(), a.recommendedAction(), evidence == null ? List.of() : List.copyOf(evidence),
                a.facts() == null ? List.of() : a.facts());
    }
}
