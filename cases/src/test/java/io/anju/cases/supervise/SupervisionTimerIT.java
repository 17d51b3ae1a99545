package io.anju.cases.supervise;

import io.anju.cases.access.AccessPolicy;
import io.anju.cases.model.CaseEvent;
import io.anju.cases.model.CaseRecord;
import io.anju.cases.routing.CategoryTable;
import io.anju.cases.routing.GridRouter;
import io.anju.cases.service.PgCaseService;
import io.anju.cases.store.Database;
import io.anju.cases.testing.Alerts;
import io.anju.cases.testing.MutableClock;
import io.anju.cases.testing.RecordingOutbox;
import io.anju.cases.testing.TestPlaces;
import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.anju.cases.testing.ServiceFixture.DISTRICT;
import static io.anju.cases.testing.ServiceFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The supervisor wakes for the earliest due step rather than on a poll: each commit tells the timer when its case is
 * next due, the timer runs supervision then, and after the run arms itself for the next due step. The clock is moved
 * by hand; the interval (the safety-net poll) is an hour, so nothing here happens by polling.
 */
class SupervisionTimerIT {
    private static final Instant T = Instant.parse("2026-12-10T01:00:00Z");
    private static final Duration INTERVAL = Duration.ofHours(1);

    @TempDir
    Path dir;
    Database db;
    Vertx vertx;
    Pool pool;
    MutableClock clock;
    SupervisionTimer timer;
    PgCaseService service;

    @BeforeEach
    void start() throws Exception {
        db = Database.embedded(dir.resolve("pg"), 0);
        db.migrate();
        vertx = Vertx.vertx();
        pool = db.pool(vertx, 4);
        clock = new MutableClock(T);
        SupervisionSettings settings = new SupervisionSettings(Duration.ofMinutes(15), Duration.ofMinutes(30),
                Duration.ofMinutes(1), Duration.ofMinutes(2), INTERVAL, 200);
        CategoryTable categories = CategoryTable.defaults();
        timer = new SupervisionTimer(vertx, pool, clock, settings);
        service = new PgCaseService(pool, new GridRouter(TestPlaces.registry(), categories, "lianhu"), categories,
                new AccessPolicy(categories), new RecordingOutbox(),
                (scope, query, now) -> Future.succeededFuture(List.of()), settings, clock, timer);
        timer.start(service::supervise);
        // the start-up run finds nothing due and waits the whole interval
        await().atMost(Duration.ofSeconds(10)).until(() -> T.plus(INTERVAL).equals(timer.armedFor()));
    }

    @AfterEach
    void stop() throws Exception {
        timer.stop();
        await(pool.close());
        await(vertx.close());
        db.close();
    }

    private CaseRecord fireRisk(int port, Severity severity) {
        String source = Alert.portSourceId(TestPlaces.CHARGER, port);
        return await(service.applyAlert(Alerts.of(AlertType.FIRE_RISK, severity, SourceKind.PORT, source,
                TestPlaces.CHARGER, TestPlaces.at(TestPlaces.COMPOUND), clock.instant())));
    }

    @Test
    void aNewCaseArmsTheTimerForItsDeadline_aLaterOneDoesNot_andTheTimerRunsSupervisionThenAndReArms() {
        CaseRecord red = fireRisk(301, Severity.RED);
        assertThat(timer.armedFor()).as("red fire risk: acknowledge within 2 min").isEqualTo(T.plus(Duration.ofMinutes(2)));
        fireRisk(302, Severity.BLUE);
        assertThat(timer.armedFor()).as("blue: 5 min, later than what is armed").isEqualTo(T.plus(Duration.ofMinutes(2)));

        // The acknowledge deadline arrives. The clock is moved by hand, so the timer is told as a commit would tell it.
        Instant deadline = T.plus(Duration.ofMinutes(2));
        clock.set(deadline);
        timer.due(deadline);

        await().atMost(Duration.ofSeconds(10)).until(() -> deadline.plus(Duration.ofMinutes(1)).equals(timer.armedFor()));
        List<CaseEvent> history = await(service.detail(DISTRICT, red.id())).history();
        CaseEvent reminder = history.get(history.size() - 1);
        assertThat(reminder.kind()).isEqualTo("reminder");
        assertThat(reminder.at()).isEqualTo(deadline);
        assertThat(reminder.data()).containsEntry("stage", "acknowledge");
    }
}
