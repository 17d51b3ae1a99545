package io.anju.dashboards.live;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The alert episodes no longer open (cleared, or replaced by the next episode of their key), so that a repeated
 * revision of one never shows it again. Holds the {@code capacity} episodes
 * closed last; beyond it the one closed first is forgotten and counted. Not thread-safe: {@link AlertBoard} guards it.
 */
final class ClosedEpisodes {
    private static final Logger LOG = LoggerFactory.getLogger(ClosedEpisodes.class);

    private final int capacity;
    private final Map<String, Boolean> ids;
    private long forgotten;

    ClosedEpisodes(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1 (was " + capacity + ")");
        }
        this.capacity = capacity;
        // Insertion order is closing order.
        this.ids = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
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
        return ids.containsKey(alertId);
    }

    /** Records that episode {@code alertId} is closed. */
    void close(String alertId) {
        ids.put(alertId, Boolean.TRUE);
    }

    int size() {
        return ids.size();
    }

    /** Episodes forgotten to stay within the capacity, since the start. */
    long forgotten() {
        return forgotten;
    }
}
