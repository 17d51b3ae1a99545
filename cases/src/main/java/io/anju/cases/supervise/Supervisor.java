package io.anju.cases.supervise;

import io.anju.cases.model.DeadlineStage;
import io.anju.cases.model.Level;
import io.anju.cases.routing.GridRouter;
import io.anju.cases.store.CaseChanges;
import io.anju.cases.store.CaseDraft;
import io.anju.cases.store.NewEvent;
import io.anju.cases.store.SupervisionSql;
import io.anju.cases.supervise.SupervisionSettings.Spans;
import io.anju.cases.notify.Outbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chases cases past the deadline of their stage (acknowledge, dispatch, handle; see {@link Deadlines}): sends
 * reminders and escalates them one level up the chain, as {@link SupervisionSettings} say, and marks a case past its
 * handling deadline overdue. Each case is one transaction; a run after a long pause performs every step
 * that fell due meanwhile, in time order, exactly once (see {@link SupervisionPlan}).
 */
public final class Supervisor {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    /** Cases supervised at the same time; a few, to leave the pool's other connections to people and the intake. */
    static final int LANES = 4;

    private final Pool pool;
    private final GridRouter router;
    private final CaseChanges changes;
    private final Outbox outbox;
    private final SupervisionSettings settings;
    private final Deadlines deadlines;

    public Supervisor(Pool pool, GridRouter router, Outbox outbox, SupervisionSettings settings) {
        this.pool = pool;
        this.router = router;
        this.changes = new CaseChanges(outbox);
        this.outbox = outbox;
        this.settings = settings;
        this.deadlines = new Deadlines(settings);
    }

    /**
     * Runs one batch at {@code now}, in {@link #LANES} lanes of one case after another, so that many cases falling due
     * together do not wait for each other's transactions; returns how many cases changed.
     */
    public Future<Integer> run(Instant now) {
        return SupervisionSql.dueIds(pool, now, settings.batch()).compose(ids -> {
            List<Future<Integer>> lanes = new ArrayList<>();
            for (int lane = 0; lane < Math.min(LANES, ids.size()); lane++) {
                Future<Integer> chain = Future.succeededFuture(0);
                for (int i = lane; i < ids.size(); i += LANES) {
                    long id = ids.get(i);
                    chain = chain.compose(n -> superviseOne(id, now).map(changed -> changed ? n + 1 : n));
                }
                lanes.add(chain);
            }
            return Future.all(lanes).map(all -> lanes.stream().mapToInt(Future::result).sum());
        }).onSuccess(n -> {
            if (n > 0) {
                LOG.info("supervision at {}: {} case(s) reminded or escalated", now, n);
            }
        });
    }

    private Future<Boolean> superviseOne(long id, Instant now) {
        return pool.withTransaction(tx -> SupervisionSql.lockDue(tx, id, now).compose(row -> {
            if (row.isEmpty()) {
                // Taken meanwhile by a person's change or another run; the next run looks again.
                return Future.succeededFuture(false);
            }
            CaseDraft d = CaseDraft.of(row.get());
            List<NewEvent> events = dueSteps(d, now);
            return changes.update(tx, d, now, events).map(saved -> !events.isEmpty());
        })).onSuccess(changed -> {
            if (changed) {
                // the reminder or escalation goes out at once, not after the rest of the batch
                outbox.wake();
            }
        }).recover(err -> {
            // One broken case must not stall the others: it stays due and is tried again on the next run.
            LOG.warn("supervision of case {} at {} failed: {}", id, now, err.toString());
            return Future.succeededFuture(false);
        });
    }

    /** Applies to {@code d} every step due by {@code now}, oldest first, and returns their audit entries. */
    List<NewEvent> dueSteps(CaseDraft d, Instant now) {
        deadlines.follow(d);
        List<NewEvent> events = new ArrayList<>();
        Instant deadline = Deadlines.deadline(d);
        if (d.nextSupervisionAt == null || deadline == null) {
            return events;
        }
        Spans spans = settings.spans(d.supervisionStage);
        int missed = 0;
        while (true) {
            Instant reminder = SupervisionPlan.nextReminder(deadline, d.reminders, spans);
            Instant escalation = SupervisionPlan.nextEscalation(deadline, d.escalations, d.assignedLevel, spans);
            if (escalation != null && !escalation.isAfter(reminder) && !escalation.isAfter(now)) {
                events.add(escalate(d, deadline, escalation));
            } else if (!reminder.isAfter(now)) {
                Instant following = SupervisionPlan.nextReminder(deadline, d.reminders + 1, spans);
                boolean laterOneDue = !following.isAfter(now) && (escalation == null || following.isBefore(escalation));
                if (laterOneDue) {
                    // Catching up after a pause: one reminder says how overdue the case is, not one per missed slot.
                    d.reminders++;
                    missed++;
                } else {
                    events.add(remind(d, deadline, reminder, missed));
                    missed = 0;
                }
            } else {
                break;
            }
        }
        deadlines.follow(d);
        return events;
    }

    private NewEvent remind(CaseDraft d, Instant deadline, Instant dueAt, int missed) {
        if (d.supervisionStage == DeadlineStage.HANDLE) {
            // the GB/T 30428 overdue flag is about the handling deadline; earlier stages have their own KPIs
            d.overdue = true;
        }
        d.reminders++;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("stage", d.supervisionStage.wireName());
        data.put("reminder", d.reminders);
        data.put("deadline", deadline.toString());
        data.put("dueAt", dueAt.toString());
        data.put("assignedUnit", d.assignedUnit);
        if (missed > 0) {
            data.put("missed", missed);
        }
        return NewEvent.worded("reminder", "reminder", null, null, data);
    }

    private NewEvent escalate(CaseDraft d, Instant deadline, Instant dueAt) {
        Level from = d.assignedLevel;
        Level to = from.up().orElseThrow();
        String fromUnit = d.assignedUnit;
        d.assignedLevel = to;
        d.assignedUnit = router.unitAt(to, d.location);
        d.escalations++;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("stage", d.supervisionStage.wireName());
        data.put("deadline", deadline.toString());
        data.put("from", fromUnit);
        data.put("to", d.assignedUnit);
        data.put("fromLevel", from.wireName());
        data.put("level", to.wireName());
        data.put("dueAt", dueAt.toString());
        return NewEvent.worded("escalated", "escalated", null, null, data);
    }
}
