package io.anju.cases.kpi;

import io.anju.cases.testing.CaseInserts;
import io.anju.cases.testing.TestCategories;
import io.anju.cases.access.AccessPolicy;
import io.anju.cases.access.ScopeRule;
import io.anju.cases.model.KpiQuery;
import io.anju.cases.model.KpiQuery.KpiGroup;
import io.anju.cases.model.KpiRow;
import io.anju.cases.model.Principal;
import io.anju.cases.model.Role;
import io.anju.cases.routing.CategoryTable;
import io.anju.cases.store.Database;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.anju.cases.testing.CaseInserts.filed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.groups.Tuple.tuple;

/** Known answers: every test files its cases on a day of its own and asks for the KPIs of that day. */
class KpiReportIT {
    private static final Instant DAY_ZERO = Instant.parse("2026-06-01T00:00:00Z");
    private static final AtomicInteger NEXT_DAY = new AtomicInteger();
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @TempDir
    static Path dir;
    static Database db;
    static Vertx vertx;
    static Pool pool;
    static CategoryTable categories = TestCategories.table();
    static AccessPolicy policy = new AccessPolicy(categories);
    static KpiReport report;

    @BeforeAll
    static void start() throws Exception {
        db = Database.embedded(dir.resolve("pg"), 0);
        db.migrate();
        vertx = Vertx.vertx();
        pool = db.pool(vertx, 2);
        report = new KpiReport(pool, categories);
    }

    @AfterAll
    static void stop() throws Exception {
        pool.close().await();
        vertx.close().await();
        db.close();
    }

    private static Instant newDay() {
        return DAY_ZERO.plus(Duration.ofDays(NEXT_DAY.incrementAndGet()));
    }

    private static void insert(CaseInserts.Row... rows) throws Exception {
        try (Connection c = db.jdbc()) {
            CaseInserts.insert(c, rows);
        }
    }

    private static List<KpiRow> kpis(ScopeRule scope, KpiGroup group, Instant day, Instant now) throws Exception {
        return report.compute(scope, new KpiQuery(group, day, day.plus(Duration.ofDays(1))), now)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static ScopeRule district() {
        return policy.rule(new Principal("d", Role.DISTRICT_OPERATOR, Set.of("*")));
    }

    @Test
    void tenCasesWithTwoVoidedAreFiledAccuratelyAtEightyPercentAndRatesWithoutCasesAreNull() throws Exception {
        Instant day = newDay();
        for (int i = 0; i < 8; i++) {
            insert(filed(day.plus(MINUTE.multipliedBy(i))));
        }
        insert(filed(day.plusSeconds(3600)).state("voided"), filed(day.plusSeconds(7200)).state("voided"));

        List<KpiRow> rows = kpis(district(), KpiGroup.GRID, day, day.plus(Duration.ofDays(1)));

        assertThat(rows).hasSize(1);
        KpiRow g1 = rows.get(0);
        assertThat(g1.unit()).isEqualTo("g1");
        assertThat(g1.filed()).isEqualTo(10);
        assertThat(g1.voided()).isEqualTo(2);
        assertThat(g1.accurateFilingRate()).isCloseTo(0.8, within(1e-9));
        assertThat(g1.dispatched()).isZero();
        assertThat(g1.onTimeDispatchRate()).isNull();
        assertThat(g1.closed()).isZero();
        assertThat(g1.onTimeClosureRate()).isNull();
        assertThat(g1.meanHandlingMinutes()).isNull();
        assertThat(g1.p90HandlingMinutes()).isNull();
    }

    @Test
    void watchItemsAndNoticesAreNotFiledCasesButAPromotedWatchItemIs() throws Exception {
        Instant day = newDay();
        List<String> numbers;
        try (Connection c = db.jdbc()) {
            numbers = CaseInserts.insert(c, filed(day),
                    filed(day.plus(MINUTE)).dispatched(MINUTE, MINUTE.multipliedBy(3)),
                    filed(day.plus(MINUTE.multipliedBy(2))).state("watching"),
                    filed(day.plus(MINUTE.multipliedBy(3))).state("voided"),
                    filed(day.plus(MINUTE.multipliedBy(4))).state("noticed"),
                    filed(day.plus(MINUTE.multipliedBy(5))).dispatched(MINUTE.multipliedBy(5), MINUTE.multipliedBy(3)));
            respond(c, numbers.get(2), "watch");
            respond(c, numbers.get(3), "watch");
            respond(c, numbers.get(4), "notice");
        }

        KpiRow g1 = kpis(district(), KpiGroup.GRID, day, day.plus(Duration.ofDays(1))).get(0);

        assertThat(g1.filed()).as("two cases and one promoted watch item (response case)").isEqualTo(3);
        assertThat(g1.voided()).as("a voided watch item was never filed").isZero();
        assertThat(g1.accurateFilingRate()).isEqualTo(1.0);
        assertThat(g1.dispatched()).isEqualTo(2);
        assertThat(g1.onTimeDispatchRate()).isCloseTo(0.5, within(1e-9));
    }

    private static void respond(Connection c, String caseNo, String response) throws Exception {
        try (var s = c.prepareStatement("update cases set response = ? where case_no = ?")) {
            s.setString(1, response);
            s.setString(2, caseNo);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void handlingTimesGiveMeanAndInterpolatedP90AndDeadlinesSplitOnTimeFromLate() throws Exception {
        Instant day = newDay();
        Duration limit = Duration.ofMinutes(30);
        Instant deadline = day.plus(Duration.ofMinutes(60));
        // Dispatched after 10 min (all on time but the last, 45 min); handled 10, 20, 30, 40 min.
        insert(filed(day).dispatched(MINUTE.multipliedBy(10), limit).deadline(deadline).closedAfter(MINUTE.multipliedBy(10), "closed"),
                filed(day).dispatched(MINUTE.multipliedBy(10), limit).deadline(deadline).closedAfter(MINUTE.multipliedBy(20), "evaluated"),
                filed(day).dispatched(MINUTE.multipliedBy(10), limit).deadline(deadline).closedAfter(MINUTE.multipliedBy(30), "closed"),
                filed(day).dispatched(MINUTE.multipliedBy(45), limit).deadline(deadline).closedAfter(MINUTE.multipliedBy(40), "closed"));

        KpiRow g1 = kpis(district(), KpiGroup.GRID, day, day.plus(Duration.ofDays(1))).get(0);

        assertThat(g1.dispatched()).isEqualTo(4);
        assertThat(g1.onTimeDispatchRate()).isCloseTo(0.75, within(1e-9));
        assertThat(g1.closed()).isEqualTo(4);
        // Closed at 20, 30, 40 and 85 min after filing; the deadline is 60 min after filing.
        assertThat(g1.onTimeClosureRate()).isCloseTo(0.75, within(1e-9));
        assertThat(g1.meanHandlingMinutes()).isCloseTo(25.0, within(1e-9));
        // percentile_cont(0.9) over 10, 20, 30, 40: 30 + 0.7 × 10.
        assertThat(g1.p90HandlingMinutes()).isCloseTo(37.0, within(1e-9));
        assertThat(g1.accurateFilingRate()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void timesToAcknowledgeAndDispatchGiveMeanAndP90InSecondsAndAcknowledgementsSplitOnTimeFromLate() throws Exception {
        Instant day = newDay();
        Duration limit = Duration.ofMinutes(30);
        // Acknowledged 60, 90, 120 and 300 s after filing against a 120 s limit; one never acknowledged.
        List<String> numbers;
        try (Connection c = db.jdbc()) {
            numbers = CaseInserts.insert(c, filed(day).dispatched(MINUTE.multipliedBy(5), limit),
                    filed(day).dispatched(MINUTE.multipliedBy(10), limit), filed(day).state("verified"),
                    filed(day).state("voided"), filed(day));
            int[] ackSeconds = {60, 90, 120, 300};
            try (PreparedStatement s = c.prepareStatement("update cases set acknowledge_due_at = created_at + interval"
                    + " '120 seconds', acknowledged_at = created_at + make_interval(secs => ?) where case_no = ?")) {
                for (int i = 0; i < ackSeconds.length; i++) {
                    s.setInt(1, ackSeconds[i]);
                    s.setString(2, numbers.get(i));
                    s.addBatch();
                }
                s.executeBatch();
            }
        }

        KpiRow g1 = kpis(district(), KpiGroup.GRID, day, day.plus(Duration.ofDays(1))).get(0);

        assertThat(g1.acknowledged()).isEqualTo(4);
        assertThat(g1.onTimeAcknowledgeRate()).as("60, 90 and 120 s are within 120 s").isCloseTo(0.75, within(1e-9));
        assertThat(g1.meanAcknowledgeSeconds()).isCloseTo(142.5, within(1e-9));
        // percentile_cont(0.9) over 60, 90, 120, 300: 120 + 0.7 × 180.
        assertThat(g1.p90AcknowledgeSeconds()).isCloseTo(246.0, within(1e-9));
        assertThat(g1.meanDispatchSeconds()).isCloseTo(450.0, within(1e-9));
        // over 300, 600: 300 + 0.9 × 300.
        assertThat(g1.p90DispatchSeconds()).isCloseTo(570.0, within(1e-9));
    }

    @Test
    void withNothingAcknowledgedTheAcknowledgeFiguresAreNull() throws Exception {
        Instant day = newDay();
        insert(filed(day), filed(day));

        KpiRow g1 = kpis(district(), KpiGroup.GRID, day, day.plus(Duration.ofDays(1))).get(0);

        assertThat(g1.acknowledged()).isZero();
        assertThat(g1.onTimeAcknowledgeRate()).isNull();
        assertThat(g1.meanAcknowledgeSeconds()).isNull();
        assertThat(g1.p90AcknowledgeSeconds()).isNull();
        assertThat(g1.meanDispatchSeconds()).isNull();
        assertThat(g1.p90DispatchSeconds()).isNull();
    }

    @Test
    void aCaseClosedButStillInFeedbackOrVoidedIsNotCountedClosed() throws Exception {
        Instant day = newDay();
        Duration limit = Duration.ofMinutes(30);
        insert(filed(day).dispatched(MINUTE, limit).closedAfter(MINUTE.multipliedBy(5), "voided"),
                filed(day).dispatched(MINUTE, limit).closedAfter(MINUTE.multipliedBy(5), "closed"));

        KpiRow g1 = kpis(district(), KpiGroup.GRID, day, day.plus(Duration.ofDays(1))).get(0);

        assertThat(g1.closed()).isEqualTo(1);
        assertThat(g1.voided()).isEqualTo(1);
        assertThat(g1.meanHandlingMinutes()).isCloseTo(5.0, within(1e-9));
        assertThat(g1.onTimeClosureRate()).as("no deadline was set, so it was not closed by one").isEqualTo(0.0);
    }

    @Test
    void overdueOpenCountsOnlyOpenCasesPastTheirDeadlineAtNow() throws Exception {
        Instant day = newDay();
        Instant now = day.plus(Duration.ofHours(5));
        Duration limit = Duration.ofMinutes(30);
        insert(filed(day).dispatched(MINUTE, limit).deadline(now.minusSeconds(1)),
                filed(day).dispatched(MINUTE, limit).deadline(now.minusSeconds(60)).state("in_handling"),
                filed(day).dispatched(MINUTE, limit).deadline(now.plusSeconds(60)),
                filed(day).dispatched(MINUTE, limit).deadline(now.minusSeconds(60)).closedAfter(MINUTE.multipliedBy(500), "closed"),
                filed(day).dispatched(MINUTE, limit).deadline(now.minusSeconds(60)).state("voided"));

        assertThat(kpis(district(), KpiGroup.GRID, day, now).get(0).overdueOpen()).isEqualTo(2);
        assertThat(kpis(district(), KpiGroup.GRID, day, day).get(0).overdueOpen()).isZero();
    }

    @Test
    void theWindowIncludesItsStartAndExcludesItsEnd() throws Exception {
        Instant day = newDay();
        Instant end = newDay(); // the next day holds the case filed at the end: no other test may use it
        assertThat(end).isEqualTo(day.plus(Duration.ofDays(1)));
        insert(filed(day), filed(end.minusMillis(1)), filed(day.minusMillis(1)).in("s1", "c1", "g-before"),
                filed(end).in("s1", "c1", "g-after"));

        List<KpiRow> rows = kpis(district(), KpiGroup.GRID, day, end);

        assertThat(rows).extracting(KpiRow::unit).containsExactly("g1");
        assertThat(rows.get(0).filed()).isEqualTo(2);
    }

    @Test
    void aSubDistrictOperatorSeesOnlyItsOwnUnitsOrderedByUnit() throws Exception {
        Instant day = newDay();
        insert(filed(day).in("s1", "c2", "g3"), filed(day).in("s1", "c1", "g1"), filed(day).in("s1", "c1", "g2"),
                filed(day).in("s2", "c9", "g9"));
        ScopeRule s1 = policy.rule(new Principal("op", Role.SUB_DISTRICT_OPERATOR, Set.of("s1")));

        List<KpiRow> byCommunity = kpis(s1, KpiGroup.COMMUNITY, day, day);
        List<KpiRow> bySubDistrict = kpis(district(), KpiGroup.SUB_DISTRICT, day, day);

        assertThat(byCommunity).extracting(KpiRow::unit, KpiRow::filed)
                .containsExactly(tuple("c1", 2L), tuple("c2", 1L));
        assertThat(bySubDistrict).extracting(KpiRow::unit, KpiRow::filed)
                .containsExactly(tuple("s1", 3L), tuple("s2", 1L));
        assertThat(kpis(s1, KpiGroup.GRID, day, day)).extracting(KpiRow::unit).containsExactly("g1", "g2", "g3");
    }

    @Test
    void aDepartmentSeesDispatchedCasesItHandlesOrCoordinatesGroupedByTheResponsibleDepartment() throws Exception {
        Instant day = newDay();
        Duration limit = Duration.ofMinutes(30);
        insert(filed(day).category(TestCategories.FIRE, "fire").dispatched(MINUTE, limit),
                filed(day).category(TestCategories.FIRE, "fire"),
                filed(day).category(TestCategories.CHARGER, "property", "fire").dispatched(MINUTE, limit),
                filed(day).category(TestCategories.CHARGER, "property").dispatched(MINUTE, limit),
                filed(day).category(TestCategories.GATE, "police", "property").dispatched(MINUTE, limit));
        ScopeRule fire = policy.rule(new Principal("f", Role.DEPARTMENT_RESPONDER, Set.of("fire")));

        List<KpiRow> rows = kpis(fire, KpiGroup.DEPARTMENT, day, day);
        List<KpiRow> all = kpis(district(), KpiGroup.DEPARTMENT, day, day);

        assertThat(rows).extracting(KpiRow::unit, KpiRow::filed)
                .containsExactly(tuple("fire", 1L), tuple("property", 1L));
        assertThat(all).extracting(KpiRow::unit, KpiRow::filed).containsExactly(
                tuple("fire", 2L), tuple("police", 1L),
                tuple("property", 2L));
    }

    @Test
    void aPropertyManagerSeesOnlyTheCasesPropertyHandlesOrSupportsInItsCompounds() throws Exception {
        Instant day = newDay();
        insert(filed(day).compound("p1").category(TestCategories.CHARGER, "property"),
                filed(day).compound("p1").category(TestCategories.FIRE, "fire"),
                filed(day).compound("p1").category(TestCategories.GATE, "police"),
                filed(day).compound("p2").category(TestCategories.CHARGER, "property"),
                filed(day).compound("p3").category(TestCategories.CHARGER, "property"));
        ScopeRule manager = policy.rule(new Principal("pm", Role.PROPERTY_MANAGER, Set.of("p1", "p2")));

        List<KpiRow> rows = kpis(manager, KpiGroup.GRID, day, day);

        assertThat(rows).extracting(KpiRow::unit, KpiRow::filed).containsExactly(tuple("g1", 3L));
    }
}
