package io.anju.cases.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

/**
 * Keeps the outbox from growing forever: rows that were delivered or given up longer than {@code keep} ago are
 * deleted (once at start, then hourly). Pending rows are never touched, so nothing undelivered is lost; the case
 * history itself lives in {@code case_events} and is kept.
 */
public final class OutboxRetention {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRetention.class);
    private static final Duration EVERY = Duration.ofHours(1);

    private final Vertx vertx;
    private final Pool pool;
    private final Duration keep;
    private final Clock clock;
    private long timer = -1;

    public OutboxRetention(Vertx vertx, Pool pool, Duration keep, Clock clock) {
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("outbox.retention must be > 0 (was " + keep + ")");
        }
        this.vertx = vertx;
        this.pool = pool;
        this.keep = keep;
        this.clock = clock;
    }

    public void start() {
        prune();
        timer = vertx.setPeriodic(EVERY.toMillis(), id -> prune());
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Deletes what is past retention now; returns how many rows went. */
    public Future<Integer> prune() {
        var before = clock.instant().minus(keep).atOffset(ZoneOffset.UTC);
        return pool.preparedQuery("delete from outbox where (delivered_at < $1 or failed_at < $1)")
                .execute(Tuple.of(before))
                .map(rows -> {
                    if (rows.rowCount() > 0) {
                        LOG.info("outbox: removed {} row(s) delivered or given up before {}", rows.rowCount(), before);
                    }
                    return rows.rowCount();
                })
                .onFailure(e -> LOG.warn("outbox retention failed (tried again in {}): {}", EVERY, e.toString()));
    }
}
