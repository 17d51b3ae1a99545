package io.anju.dashboards.live;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The alert episodes no longer open (cleared, or replaced by the next episode of their key) with the highest revision
 * applied of each, so that a repeated revision of one never shows it again. Holds the {@code capacity} episodes
 * closed last; beyond it the one closed first is forgotten and counted. Not thread-safe: {@link AlertBoard} guards it.
 */
final class ClosedEpisodes {
    private static final Logger LOG = LoggerFactory.getLogger(ClosedEpisodes.class);

    private final int capacity;
    private final Map<String, Integer> highest;
    private long forgotten;

    ClosedEpisodes(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1 (was " + capacity + ")");
        }
        this.capacity = capacity;
        // Insertion order is closing order: a later revision of an episode already here keeps its place.
        this.highest = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                if (size() <= ClosedEpisodes.this.capacity) {
                    return false;
                }
                if (forgotten++ == 0) {
                    LOG.info("more than {} closed alert episodes: the oldest are forgotten from now on "
                            + "(anju.dashboards.live.alerts.forgotten)", ClosedEpisodes.this.capacity);
                }
                return true;
            }
        };
    }

    boolean contains(String alertId) {
        return highest.containsKey(alertId);
    }

    /** Records that episode {@code alertId} is closed, at {@code revision} or any higher one recorded before. */
    void close(String alertId, int revision) {
        highest.merge(alertId, revision, Math::max);
    }

    /** The highest revision applied of a closed episode, or 0 when it is not (or no longer) remembered. */
    int highestRevision(String alertId) {
        return highest.getOrDefault(alertId, 0);
    }

    int size() {
        return highest.size();
    }

    /** Episodes forgotten to stay within the capacity, since the start. */
    long forgotten() {
        return forgotten;
    }
}
