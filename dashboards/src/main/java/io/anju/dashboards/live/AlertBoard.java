package io.anju.dashboards.live;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The open alerts by dedup key, rebuilt from {@code anju.alerts}: a newer revision of the same episode replaces the
 * older, a new episode replaces the last one of its key, a clear removes it.
 * <p>
 * Each {@code (alert id, revision)} is applied once. The alerting job writes at least once: after it restarts from a
 * checkpoint, the revisions it emitted since come again with the same id and revision, live and in the retained
 * history a rebuild reads. So the board keeps, for every episode, the highest revision applied: the open ones in
 * {@link #open()}, the closed ones (cleared, or replaced by the next episode of their key) in {@link ClosedEpisodes}.
 * A revision at or below it changes nothing, and a closed episode never opens again; a new episode of the same key
 * (a new id) replaces the one shown, as the partition's order says the job moved on. That also covers a job that,
 * restored, derives an episode it had written after its checkpoint under another id: the new one replaces it.
 * <p>
 * Bounds: at most {@code capacity} open alerts, and the {@code memory} episodes closed last. A repeat follows its
 * first copy by the job's replay window (its checkpoint interval plus the restart, minutes) in the same partition,
 * so only the episodes closed within that window need remembering; {@link LiveState#CLOSED_MEMORY} covers far more.
 * <p>
 * Each open revision is kept with its view ({@link ActiveAlert}, its texts rendered in every language), made once
 * when the revision goes on the board, so that listing the open alerts renders nothing.
 * Written by one thread (the alerts reader), read by any.
 */
final class AlertBoard {
    private static final Logger LOG = LoggerFactory.getLogger(AlertBoard.class);

    private final int capacity;
    private final Function<Alert, ActiveAlert> view;
    private final Map<String, Shown> open = new ConcurrentHashMap<>();
    private final ClosedEpisodes closed;

    /** An open revision and how it is shown. */
    record Shown(Alert alert, ActiveAlert view) {
    }

    /** @param view how a revision is shown, made once when it goes on the board */
    AlertBoard(int capacity, int memory, Function<Alert, ActiveAlert> view) {
        this.capacity = capacity;
        this.view = view;
        this.closed = new ClosedEpisodes(memory);
    }

    /** Applies one revision; returns true when it changed what is open (repeats and stale revisions do not). */
    synchronized boolean apply(Alert a) {
        if (closed.contains(a.id())) {
            return false;
        }
        String key = a.dedupKey();
        Alert old = Optional.ofNullable(open.get(key)).map(Shown::alert).orElse(null);
        if (old != null && old.id().equals(a.id())) {
            if (old.revision() >= a.revision()) {
                return false;
            }
            if (a.open()) {
                open.put(key, show(a));
            } else {
                open.remove(key);
                closed.close(a.id());
            }
            return true;
        }
        if (!a.open()) {
            closed.close(a.id());
            if (old == null || old.firstEventTs() > a.firstEventTs()) {
                return false;
            }
            replaced(key, old, null);
            return true;
        }
        if (old == null && open.size() >= capacity) {
            LOG.warn("more than {} open alerts: alert {} ({}) is not shown", capacity, a.id(), key);
            return false;
        }
        if (old == null) {
            open.put(key, show(a));
            return true;
        }
        replaced(key, old, a);
        return true;
    }

    /** The open episode {@code old} gives way to {@code next} (null: to none); it is closed for good. */
    private void replaced(String key, Alert old, Alert next) {
        closed.close(old.id());
        if (next == null) {
            open.remove(key);
        } else {
            open.put(key, show(next));
        }
    }

    private Shown show(Alert a) {
        return new Shown(a, view.apply(a));
    }

    /** How {@code a} is shown: its view if it is the open revision of its key, else (a clear) a view made now. */
    ActiveAlert viewOf(Alert a) {
        Shown s = open.get(a.dedupKey());
        return s != null && s.alert() == a ? s.view() : view.apply(a);
    }

    /** Closed episodes remembered now. */
    synchronized int remembered() {
        return closed.size();
    }

    /** Closed episodes forgotten to stay within the bound, since the start. */
    synchronized long forgotten() {
        return closed.forgotten();
    }

    Collection<Alert> open() {
        return open.values().stream().map(Shown::alert).toList();
    }

    /** The open revisions with their views. */
    Collection<Shown> shown() {
        return open.values();
    }

    Optional<Alert> byKey(AlertType type, String sourceId) {
        return Optional.ofNullable(open.get(Alert.dedupKey(type, sourceId))).map(Shown::alert);
    }

    /** The forecast's minutes to its level, from the evidence the crowd detector attaches. */
    static Optional<Double> minutesToLevel(Alert forecast) {
        List<Evidence> evidence = forecast.evidence() == null ? List.of() : forecast.evidence();
        for (int i = evidence.size() - 1; i >= 0; i--) {
            Evidence e = evidence.get(i);
            if ("minutesToLevel".equals(e.signal()) && e.value() != null) {
                return Optional.of(e.value());
            }
        }
        return Optional.empty();
    }
}
