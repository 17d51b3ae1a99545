package io.anju.cases.service;

import io.anju.cases.access.AccessPolicy;
import io.anju.cases.kpi.KpiSource;
import io.anju.cases.model.CaseDetail;
import io.anju.cases.model.CaseEvent;
import io.anju.cases.model.CaseException;
import io.anju.cases.model.CaseQuery;
import io.anju.cases.model.CaseRecord;
import io.anju.cases.model.CaseState;
import io.anju.cases.model.KpiQuery;
import io.anju.cases.model.KpiRow;
import io.anju.cases.model.NewCase;
import io.anju.cases.model.Origin;
import io.anju.cases.model.Page;
import io.anju.cases.model.Principal;
import io.anju.cases.model.Role;
import io.anju.cases.model.TransitionRequest;
import io.anju.cases.notify.Outbox;
import io.anju.cases.routing.CategoryTable;
import io.anju.cases.routing.GridRouter;
import io.anju.cases.routing.Routing;
import io.anju.cases.store.CaseChanges;
import io.anju.cases.store.CaseDraft;
import io.anju.cases.store.CaseFilter;
import io.anju.cases.store.CaseNumbers;
import io.anju.cases.store.CaseRows;
import io.anju.cases.store.CaseSql;
import io.anju.cases.store.EventSql;
import io.anju.cases.store.NewEvent;
import io.anju.cases.supervise.DeadlineWatch;
import io.anju.cases.supervise.Deadlines;
import io.anju.cases.supervise.SupervisionSettings;
import io.anju.cases.supervise.Supervisor;
import io.anju.common.alert.Alert;
import io.anju.common.alert.Severity;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The case service on PostgreSQL. Every change is one transaction that writes the case row, its audit event and the
 * notices for the {@link Outbox}; the Outbox is woken after commit. Every "now" comes from the clock given at
 * construction (tests control it), except supervision, which is told the time it runs at.
 */
public final class PgCaseService implements CaseService {
    private static final Logger LOG = LoggerFactory.getLogger(PgCaseService.class);
    private static final String ONE_OPEN_PER_KEY = "cases_one_open_per_key";
    /** SQLSTATE class 22: a value PostgreSQL cannot store (a NUL in text, a number out of range, ...). */
    private static final String DATA_EXCEPTION = "22";
    private static final Set<Role> OPERATORS = Set.of(Role.DISTRICT_OPERATOR, Role.SUB_DISTRICT_OPERATOR,
            Role.COMMUNITY_OPERATOR);

    private final Pool pool;
    private final GridRouter router;
    private final CategoryTable categories;
    private final AccessPolicy access;
    private final Outbox outbox;
    private final KpiSource kpis;
    private final Clock clock;
    private final CaseChanges changes;
    private final AlertApplier intake;
    private final Transitions transitions;
    private final Supervisor supervisor;
    private final Deadlines deadlines;
    private final DeadlineWatch watch;

    /** A service whose supervision runs only when {@link #supervise} is called (tests that move the clock by hand). */
    public PgCaseService(Pool pool, GridRouter router, CategoryTable categories, AccessPolicy access, Outbox outbox,
                         KpiSource kpis, SupervisionSettings supervision, Clock clock) {
        this(pool, router, categories, access, outbox, kpis, supervision, clock, DeadlineWatch.NONE);
    }

    /** {@code watch} hears, after each commit, when the changed case's next supervision step is due. */
    public PgCaseService(Pool pool, GridRouter router, CategoryTable categories, AccessPolicy access, Outbox outbox,
                         KpiSource kpis, SupervisionSettings supervision, Clock clock, DeadlineWatch watch) {
        this.pool = pool;
        this.router = router;
        this.categories = categories;
        this.access = access;
        this.outbox = outbox;
        this.kpis = kpis;
        this.clock = clock;
        this.changes = new CaseChanges(outbox);
        this.deadlines = new Deadlines(supervision);
        this.watch = watch;
        this.intake = new AlertApplier(router, changes, deadlines);
        this.transitions = new Transitions(categories, deadlines);
        this.supervisor = new Supervisor(pool, router, outbox, supervision);
    }

    @Override
    public Future<CaseRecord> applyAlert(Alert alert) {
        return applyAlertOnce(alert).recover(err -> {
            if (err instanceof PgException pg && "23505".equals(pg.getSqlState())
                    && ONE_OPEN_PER_KEY.equals(pg.getConstraint())) {
                // Another intake opened the case for this key a moment ago: this record now updates that case.
                LOG.info("alert {} rev {}: case for {} opened concurrently, applying as an update", alert.id(),
                        alert.revision(), alert.dedupKey());
                return applyAlertOnce(alert);
            }
            if (err instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().startsWith(DATA_EXCEPTION)) {
                // The same record would fail the same way every time: it is bad input, not an outage.
                return Future.failedFuture(CaseException.invalid("the case store cannot take it: " + pg.getMessage()));
            }
            return Future.failedFuture(err);
        });
    }

    private Future<CaseRecord> applyAlertOnce(Alert alert) {
        return watched(change(tx -> intake.apply(tx, alert, clock.instant())));
    }

    /**
     * One transaction and one commit for the whole batch. The records that open a case of a key with nothing open are
     * opened together in a few statements; the others' statements are pipelined on the transaction's connection (each
     * lane waits only for its own answers), see {@link ShareApplier}. The cases of the batch share the time their
     * transaction started, in whole microseconds as stored.
     */
    @Override
    public Future<Void> applyAlerts(List<List<Alert>> lanes) {
        // An applier whose outbox reads each unit's people once for the whole batch.
        ShareApplier share = new ShareApplier(
                new AlertApplier(router, new CaseChanges(outbox.forOneTransaction()), deadlines));
        return change(tx -> share.apply(tx, lanes, clock.instant().truncatedTo(ChronoUnit.MICROS)))
                .onSuccess(applied -> applied.forEach(this::announceDue)).mapEmpty();
    }

    @Override
    public Future<CaseRecord> report(Principal who, NewCase request) {
        return attempt(() -> {
            if (request.origin() != Origin.GRID_REPORT && request.origin() != Origin.RESIDENT_REPORT) {
                throw CaseException.invalid("origin must be grid_report or resident_report (was "
                        + (request.origin() == null ? null : request.origin().wireName()) + ")");
            }
            if (request.title() == null || request.title().isBlank()) {
                throw CaseException.invalid("a reported case needs a title");
            }
            Routing routing = router.route(request);
            access.checkCanReport(who, routing.location());
            Instant now = clock.instant();
            return watched(change(tx -> CaseNumbers.next(tx, now).compose(caseNo -> {
                CaseDraft d = new CaseDraft();
                d.caseNo = caseNo;
                d.origin = request.origin();
                d.title = request.title();
                d.description = request.description();
                d.categoryCode = routing.category().code();
                d.department = routing.department();
                d.severity = request.severity() == null ? Severity.BLUE : request.severity();
                d.state = CaseState.COLLECTED;
                d.location = routing.location();
                d.assignedLevel = routing.assignedLevel();
                d.assignedUnit = routing.assignedUnit();
                d.firstEventAt = now;
                d.dispatchDueAt = now.plus(routing.category().dispatchWithin());
                d.acknowledgeDueAt = now.plus(routing.category().acknowledgeWithin(d.severity));
                deadlines.follow(d);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("severity", d.severity.wireName());
                data.put("assignedUnit", d.assignedUnit);
                NewEvent created = NewEvent.by(who, "created", "opened", null, CaseState.COLLECTED,
                        request.description(), request.attachments(), data);
                return changes.insert(tx, d, now, List.of(created)).map(CaseChanges.Saved::after);
            })));
        });
    }

    @Override
    public Future<CaseRecord> transition(Principal who, long caseId, TransitionRequest request) {
        if (request == null || request.action() == null) {
            return Future.failedFuture(CaseException.invalid("a transition needs an action"));
        }
        return watched(change(tx -> locked(tx, caseId).compose(d -> {
            access.checkCanSee(who, d.toRecord());
            access.checkCanAct(who, d.toRecord(), request.action());
            Instant now = clock.instant();
            NewEvent event = transitions.apply(d, who, request, now);
            return changes.update(tx, d, now, List.of(event)).map(CaseChanges.Saved::after);
        })));
    }

    @Override
    public Future<CaseRecord> assign(Principal who, long caseId, String assignee, String note) {
        return change(tx -> locked(tx, caseId).compose(d -> {
            access.checkCanSee(who, d.toRecord());
            boolean operator = OPERATORS.contains(who.role());
            boolean takesItself = who.role() == Role.GRID_WORKER && who.name().equals(assignee);
            if (!operator && !takesItself) {
                throw CaseException.forbidden("a " + who.role().wireName()
                        + " may not assign cases (a grid worker may take a case of their grid for themselves)");
            }
            if (assignee == null || assignee.isBlank()) {
                throw CaseException.invalid("assign needs the assignee's user name");
            }
            if (!d.state.open()) {
                throw CaseException.conflict("cannot assign a case that is " + d.state.wireName());
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("from", d.assignee);
            data.put("to", assignee);
            d.assignee = assignee;
            Instant now = clock.instant();
            NewEvent event = NewEvent.by(who, "assigned", "assigned", null, null, note, List.of(), data);
            return changes.update(tx, d, now, List.of(event)).map(CaseChanges.Saved::after);
        }));
    }

    @Override
    public Future<CaseEvent> comment(Principal who, long caseId, String text, List<String> attachments) {
        return change(tx -> locked(tx, caseId).compose(d -> {
            access.checkCanSee(who, d.toRecord());
            if ((text == null || text.isBlank()) && (attachments == null || attachments.isEmpty())) {
                throw CaseException.invalid("a comment needs text or attachments");
            }
            NewEvent event = NewEvent.by(who, "comment", "comment", null, null, text, attachments, null);
            return changes.update(tx, d, clock.instant(), List.of(event)).map(saved -> saved.events().get(0));
        }));
    }

    @Override
    public Future<Page<CaseRecord>> list(Principal who, CaseQuery query) {
        return attempt(() -> {
            if (query.limit() < 1 || query.limit() > 500) {
                throw CaseException.invalid("limit must be 1..500 (was " + query.limit() + ")");
            }
            if (query.offset() < 0) {
                throw CaseException.invalid("offset must be ≥ 0 (was " + query.offset() + ")");
            }
            CaseFilter filter = new CaseFilter(access.rule(who), query, categories);
            int n = filter.paramCount();
            String rows = "select * from cases" + filter.where() + " order by " + CaseFilter.SEVERITY_RANK
                    + " desc, created_at desc, id desc limit $" + (n + 1) + " offset $" + (n + 2);
            return pool.preparedQuery("select count(*) from cases" + filter.where())
                    .execute(Tuple.wrap(filter.params())).compose(count -> {
                        long total = count.iterator().next().getLong(0);
                        return pool.preparedQuery(rows)
                                .execute(Tuple.wrap(filter.params(query.limit(), query.offset()))).map(result -> {
                                    List<CaseRecord> items = new ArrayList<>();
                                    for (Row r : result) {
                                        items.add(CaseRows.toRecord(r));
                                    }
                                    return new Page<>(items, total, query.limit(), query.offset());
                                });
                    });
        });
    }

    @Override
    public Future<CaseDetail> detail(Principal who, long caseId) {
        return CaseSql.byId(pool, caseId, false).compose(row -> {
            CaseRecord c = row.map(CaseRows::toRecord).orElseThrow(() -> CaseException.notFound(caseId));
            access.checkCanSee(who, c);
            return EventSql.history(pool, caseId).map(history -> new CaseDetail(c, history));
        });
    }

    @Override
    public Future<List<KpiRow>> kpis(Principal who, KpiQuery query) {
        return attempt(() -> {
            access.checkCanReadKpis(who);
            return kpis.compute(access.rule(who), query, clock.instant());
        });
    }

    @Override
    public Future<Integer> supervise(Instant now) {
        return supervisor.run(now);
    }


    private Future<CaseDraft> locked(SqlConnection tx, long caseId) {
        return CaseSql.byId(tx, caseId, true)
                .map(row -> CaseDraft.of(row.orElseThrow(() -> CaseException.notFound(caseId))));
    }

    /** One transaction; the Outbox is woken once it committed. */
    private <T> Future<T> change(Function<SqlConnection, Future<T>> work) {
        return pool.withTransaction(tx -> attempt(() -> work.apply(tx))).onSuccess(v -> outbox.wake());
    }

    /** Tells the watch when the committed case is next due for supervision, so a near deadline is not missed. */
    private Future<CaseRecord> watched(Future<CaseRecord> committed) {
        return committed.onSuccess(this::announceDue);
    }

    private void announceDue(CaseRecord c) {
        if (c != null && c.nextSupervisionAt() != null) {
            watch.due(c.nextSupervisionAt());
        }
    }

    /** Turns a refusal thrown while preparing a request into a failed future. */
    private static <T> Future<T> attempt(Supplier<Future<T>> body) {
        try {
            return body.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
