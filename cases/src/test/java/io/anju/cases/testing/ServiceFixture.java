package io.anju.cases.testing;

import io.anju.cases.access.AccessPolicy;
import io.anju.cases.access.ScopeRule;
import io.anju.cases.kpi.KpiSource;
import io.anju.cases.model.CaseException;
import io.anju.cases.model.Principal;
import io.anju.cases.model.Role;
import io.anju.cases.routing.CategoryTable;
import io.anju.cases.routing.GridRouter;
import io.anju.cases.service.PgCaseService;
import io.anju.cases.store.Database;
import io.anju.cases.supervise.SupervisionSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** A real PostgreSQL under a data directory, and the service on it with a hand-moved clock. */
public final class ServiceFixture implements AutoCloseable {
    public static final Principal DISTRICT = new Principal("zhou", Role.DISTRICT_OPERATOR, Set.of("lianhu"));
    public static final Principal COMMUNITY_OP = new Principal("chen", Role.COMMUNITY_OPERATOR, Set.of(TestPlaces.COMMUNITY));
    public static final Principal WORKER = new Principal("li", Role.GRID_WORKER, Set.of(TestPlaces.GRID));
    public static final Principal NEIGHBOUR_WORKER = new Principal("wang", Role.GRID_WORKER, Set.of(TestPlaces.NEIGHBOUR_GRID));
    public static final Principal PROPERTY = new Principal("pm1", Role.PROPERTY_MANAGER, Set.of(TestPlaces.COMPOUND));
    public static final Principal OTHER_PROPERTY = new Principal("pm3", Role.PROPERTY_MANAGER, Set.of(TestPlaces.OTHER_COMPOUND));
    public static final Principal EMERGENCY = new Principal("em", Role.EMERGENCY_MANAGER, Set.of(TestPlaces.OTHER_SUB_DISTRICT));
    public static final Principal PROPERTY_DEPT = new Principal("wy", Role.DEPARTMENT_RESPONDER, Set.of("property"));
    public static final Principal FIRE_DEPT = new Principal("xf", Role.DEPARTMENT_RESPONDER, Set.of("fire"));
    public static final Principal VENDOR = new Principal("acme", Role.VENDOR, Set.of("Acme"));

    public final Database db;
    public final Vertx vertx;
    public final Pool pool;
    public final MutableClock clock;
    public final RecordingOutbox outbox = new RecordingOutbox();
    public final PgCaseService service;
    /** The scope the service last asked KPIs for. */
    public final AtomicReference<ScopeRule> kpiScope = new AtomicReference<>();

    public ServiceFixture(Path dataDir, Instant start, SupervisionSettings supervision) throws Exception {
        db = Database.embedded(dataDir, 0);
        db.migrate();
        vertx = Vertx.vertx();
        pool = db.pool(vertx, 4);
        clock = new MutableClock(start);
        CategoryTable categories = CategoryTable.defaults();
        KpiSource noKpis = (scope, query, now) -> {
            kpiScope.set(scope);
            return Future.succeededFuture(List.of());
        };
        service = new PgCaseService(pool, new GridRouter(TestPlaces.registry(), categories, "lianhu"), categories,
                new AccessPolicy(categories), outbox, noKpis, supervision, clock);
    }

    public static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("expected success, got " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The refusal a call ended with; fails the test when it succeeded or failed otherwise. */
    public static CaseException refusal(Future<?> f, CaseException.Kind kind) {
        try {
            Object value = f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            return fail("expected " + kind + ", got " + value);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(CaseException.class);
            CaseException ce = (CaseException) e.getCause();
            assertThat(ce.kind()).as(ce.getMessage()).isEqualTo(kind);
            return ce;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The notice kinds recorded for a case, in order. */
    public List<String> notices(long caseId) throws Exception {
        return strings("select kind from outbox where channel = 'recorder' and case_id = ? order by id", caseId);
    }

    public List<String> strings(String sql, Object... params) throws Exception {
        try (Connection c = db.jdbc(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        }
    }

    @Override
    public void close() throws Exception {
        await(pool.close());
        await(vertx.close());
        db.close();
    }
}
