package io.anju.cases.supervise;

import io.anju.cases.store.SupervisionSql;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs supervision when the earliest step of any case falls due, not on a fixed poll: after each run it asks the
 * database for the earliest {@code next_supervision_at} still ahead and sets one Vert.x timer for it, never longer than
 * {@code interval} (a safety net for changes made by another instance). A change that commits an earlier step
 * ({@link #due}) re-arms the timer for it. One run at a time; a step that falls due during a run is picked up by a run
 * right after it. Several instances may run at once: each case is taken under {@code FOR UPDATE SKIP LOCKED}.
 */
public final class SupervisionTimer implements DeadlineWatch {
    private static final Logger LOG = LoggerFactory.getLogger(SupervisionTimer.class);

    private final Vertx vertx;
    private final Pool pool;
    private final Clock clock;
    private final Duration interval;
    private final int batch;
    private Function<Instant, Future<Integer>> run;
    private long timerId = -1;
    /** When the armed timer fires; null when none is armed. */
    private Instant armedFor;
    private boolean running;
    /** The earliest step announced while a run was going on. */
    private Instant dueDuringRun;
    private boolean stopped;

    public SupervisionTimer(Vertx vertx, Pool pool, Clock clock, SupervisionSettings settings) {
        this.vertx = vertx;
        this.pool = pool;
        this.clock = clock;
        this.interval = settings.interval();
        this.batch = settings.batch();
    }

    /** Starts with a run now (catching up whatever fell due while the service was down). */
    public synchronized void start(Function<Instant, Future<Integer>> supervise) {
        this.run = supervise;
        arm(clock.instant());
    }

    @Override
    public synchronized void due(Instant at) {
        if (stopped || run == null) {
            return;
        }
        if (running) {
            dueDuringRun = dueDuringRun == null || at.isBefore(dueDuringRun) ? at : dueDuringRun;
        } else if (armedFor == null || !at.isAfter(armedFor)) {
            arm(at);
        }
    }

    /** When the timer fires next; null while a run is going on or after {@link #stop()}. */
    public synchronized Instant armedFor() {
        return armedFor;
    }

    public synchronized void stop() {
        stopped = true;
        cancel();
    }

    private void arm(Instant at) {
        cancel();
        Instant now = clock.instant();
        Instant latest = now.plus(interval);
        Instant target = at.isAfter(latest) ? latest : at.isBefore(now) ? now : at;
        armedFor = target;
        // rounded up: a timer that fires a fraction of a millisecond early would find the step not yet due
        long delayMs = Math.max(1, (Duration.between(now, target).toNanos() + 999_999) / 1_000_000);
        timerId = vertx.setTimer(delayMs, id -> fire());
    }

    private void cancel() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
        armedFor = null;
    }

    private void fire() {
        synchronized (this) {
            timerId = -1;
            armedFor = null;
            if (stopped) {
                return;
            }
            running = true;
        }
        Instant runAt = clock.instant();
        run.apply(runAt)
                .onFailure(e -> LOG.warn("supervision run failed (retried): {}", e.toString()))
                // A full batch may have left more due: run again at once. Otherwise wait for the next step due
                // after this run; one still due from before it (a case that failed, logged by the supervisor, or one
                // a person held locked, whose commit wakes us anyway) is retried within the interval.
                .transform(changed -> changed.succeeded() && changed.result() >= batch
                        ? Future.succeededFuture(Optional.of(runAt))
                        : SupervisionSql.earliestAfter(pool, runAt))
                .onComplete(next -> rearm(next.succeeded() ? next.result() : Optional.empty()));
    }

    private synchronized void rearm(Optional<Instant> next) {
        running = false;
        if (stopped) {
            return;
        }
        Instant at = next.orElse(clock.instant().plus(interval));
        if (dueDuringRun != null && dueDuringRun.isBefore(at)) {
            at = dueDuringRun;
        }
        dueDuringRun = null;
        arm(at);
    }
}
