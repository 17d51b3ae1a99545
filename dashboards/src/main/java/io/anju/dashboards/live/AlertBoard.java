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

/**
 * The open alerts by dedup key, rebuilt from {@code anju.alerts}: a newer revision of the same episode replaces the
 * older, a new episode replaces the last one of its key, a clear removes it. Holds at most {@code capacity} keys.
 */
final class AlertBoard {
    private static final Logger LOG = LoggerFactory.getLogger(AlertBoard.class);

    private final int capacity;
    private final Map<String, Alert> open = new ConcurrentHashMap<>();

    AlertBoard(int capacity) {
        this.capacity = capacity;
    }

    /** Applies one revision; returns true when it changed what is open (repeats and stale revisions do not). */
    boolean apply(Alert a) {
        boolean[] changed = {false};
        open.compute(a.dedupKey(), (key, old) -> {
            boolean sameEpisode = old != null && old.id().equals(a.id());
            if (sameEpisode && old.revision() >= a.revision()) {
                return old;
            }
            if (!a.open()) {
                changed[0] = old != null && (sameEpisode || old.firstEventTs() <= a.firstEventTs());
                return changed[0] ? null : old;
            }
            if (old == null && open.size() >= capacity) {
                LOG.warn("more than {} open alerts: alert {} ({}) is not shown", capacity, a.id(), key);
                return null;
            }
            changed[0] = true;
            return a;
        });
        return changed[0];
    }

    Collection<Alert> open() {
        return open.values();
    }

    Optional<Alert> byKey(AlertType type, String sourceId) {
        return Optional.ofNullable(open.get(Alert.dedupKey(type, sourceId)));
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
