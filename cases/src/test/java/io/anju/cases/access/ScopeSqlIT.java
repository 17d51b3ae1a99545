package io.anju.cases.access;

import io.anju.cases.testing.CaseInserts;
import io.anju.cases.testing.TestCategories;
import io.anju.cases.access.AccessPolicy;
import io.anju.cases.model.CaseRecord;
import io.anju.cases.model.CaseState;
import io.anju.cases.model.Level;
import io.anju.cases.model.Origin;
import io.anju.cases.model.ResponseLevel;
import io.anju.cases.model.Principal;
import io.anju.cases.model.Role;
import io.anju.cases.routing.CategoryTable;
import io.anju.cases.store.Database;
import io.anju.common.alert.Severity;
import io.anju.common.model.LocationChain;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.anju.cases.testing.CaseInserts.filed;
import static org.assertj.core.api.Assertions.assertThat;

/** The SQL condition selects exactly the cases {@link ScopeRule#matches} accepts, for every role's rule. */
class ScopeSqlIT {
    private static final Instant T = Instant.parse("2026-07-01T08:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @TempDir
    static Path dir;
    static Database db;
    static Vertx vertx;
    static Pool pool;
    static CategoryTable categories = TestCategories.table();
    static AccessPolicy policy = new AccessPolicy(categories);
    static Map<String, CaseInserts.Row> cases = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        db = Database.embedded(dir.resolve("pg"), 0);
        db.migrate();
        vertx = Vertx.vertx();
        pool = db.pool(vertx, 2);
        List<CaseInserts.Row> rows = new ArrayList<>();
        String[][] places = {{"s1", "c1", "g1", "p1"}, {"s1", "c1", "g2", "p2"}, {"s1", "c2", "g3", null},
                {"s2", "c3", "g4", "p3"}};
        String[][] kinds = {{TestCategories.CHARGER, "property"}, {TestCategories.FIRE, "fire"},
                {TestCategories.CROWD, "street_emergency"}, {TestCategories.GENERAL, "street"}, {"99-99", "street"}};
        for (String[] p : places) {
            for (String[] k : kinds) {
                CaseInserts.Row base = filed(T).in(p[0], p[1], p[2]).compound(p[3]).category(k[0], k[1]);
                rows.add(base);
                rows.add(base.category(k[0], k[1], "fire").dispatched(MINUTE, MINUTE.multipliedBy(30)));
                rows.add(base.dispatched(MINUTE, MINUTE.multipliedBy(30)).state("in_handling"));
            }
        }
        try (Connection c = db.jdbc()) {
            List<String> numbers = CaseInserts.insert(c, rows.toArray(CaseInserts.Row[]::new));
            for (int i = 0; i < rows.size(); i++) {
                cases.put(numbers.get(i), rows.get(i));
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        pool.close().await();
        vertx.close().await();
        db.close();
    }

    static Stream<ScopeRule> rules() {
        return Stream.of(
                policy.rule(new Principal("d", Role.DISTRICT_OPERATOR, Set.of("*"))),
                policy.rule(new Principal("s", Role.SUB_DISTRICT_OPERATOR, Set.of("s1"))),
                policy.rule(new Principal("c", Role.COMMUNITY_OPERATOR, Set.of("c1"))),
                policy.rule(new Principal("g", Role.GRID_WORKER, Set.of("g3"))),
                policy.rule(new Principal("p", Role.PROPERTY_MANAGER, Set.of("p1", "p3"))),
                policy.rule(new Principal("e", Role.EMERGENCY_MANAGER, Set.of("s2"))),
                policy.rule(new Principal("f", Role.DEPARTMENT_RESPONDER, Set.of("fire"))),
                policy.rule(new Principal("pol", Role.DEPARTMENT_RESPONDER, Set.of("police"))),
                policy.rule(new Principal("pr", Role.DEPARTMENT_RESPONDER, Set.of("property"))),
                policy.rule(new Principal("v", Role.VENDOR, Set.of("Acme"))),
                new ScopeRule(false, "s1", null, null, null, Set.of("street", "police"), false),
                new ScopeRule(false, null, null, null, null, Set.of(), false),
                new ScopeRule(false, null, null, null, Set.of(), null, false));
    }

    @ParameterizedTest
    @MethodSource("rules")
    void selectsWhatTheRuleMatches(ScopeRule rule) throws Exception {
        ScopeSql.Condition where = new ScopeSql(categories).where(rule, 1);
        Tuple params = Tuple.tuple();
        where.params().forEach(params::addValue);
        Set<String> bySql = new HashSet<>();
        pool.preparedQuery("select case_no from cases where " + where.sql()).execute(params)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .forEach(r -> bySql.add(r.getString(0)));

        Set<String> byRule = new HashSet<>();
        cases.forEach((no, row) -> {
            List<String> support = categories.byCode(row.category()).map(c -> c.supportDepartments())
                    .orElse(List.of());
            if (rule.matches(record(row), support)) {
                byRule.add(no);
            }
        });

        assertThat(bySql).isEqualTo(byRule);
    }

    private static CaseRecord record(CaseInserts.Row r) {
        return new CaseRecord(0, "T", Origin.GRID_REPORT, "t", null, r.category(), r.department(), r.coordinating(),
                Severity.YELLOW, CaseState.fromWire(r.state()), ResponseLevel.CASE, null, null, null, null, null, null,
                new LocationChain(r.subDistrict(), r.community(), r.grid(), r.compound(), null), null, null, null,
                null, List.of(), Level.GRID, r.grid(), null, r.created(), r.created(), null, null, null, null, r.dispatchDue(),
                r.dispatched(), r.deadline(), null, r.closed(), null, false, false, false, 0, null, null, null, null, 0, List.of());
    }
}
