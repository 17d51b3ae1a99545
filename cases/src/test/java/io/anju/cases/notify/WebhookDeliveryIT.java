package io.anju.cases.notify;

import io.anju.cases.testing.WebhookReceiver;
import io.anju.cases.json.CasesJson;
import io.anju.cases.model.CaseRecord;
import io.anju.cases.store.Database;
import io.anju.common.alert.Severity;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Webhook and export delivery through the outbox against real PostgreSQL and a local HTTP receiver. */
class WebhookDeliveryIT {
    private static final String SECRET = "lianhu-grid-webhook-secret";
    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    static Path dir;
    static Database db;
    static Vertx vertx;
    static Pool pool;
    static WebClient http;
    static WebhookReceiver receiver;

    private SimpleMeterRegistry meters;
    private final List<OutboxDispatcher> started = new ArrayList<>();

    @BeforeAll
    static void startAll() throws Exception {
        db = Database.embedded(dir.resolve("pg"), 0);
        db.migrate();
        vertx = Vertx.vertx();
        pool = db.pool(vertx, 4);
        http = WebClient.create(vertx);
        receiver = get(new WebhookReceiver().start(vertx));
    }

    @AfterAll
    static void stopAll() throws Exception {
        get(receiver.close());
        http.close();
        get(pool.close());
        get(vertx.close());
        db.close();
    }

    @BeforeEach
    void clean() throws SQLException {
        meters = new SimpleMeterRegistry();
        receiver.reset();
        sql("delete from outbox");
    }

    @AfterEach
    void stopDispatchers() throws Exception {
        for (OutboxDispatcher d : started) {
            get(d.stop());
        }
    }

    @Test
    void aFlakyReceiverGetsTheNoticeAfterRetriesAndAcceptsItOnce() throws Exception {
        WebhookChannel webhook = webhook(WebhookChannel.WEBHOOK, "/flaky", 5);
        OutboxDispatcher dispatcher = start(webhook);
        PgOutbox outbox = new PgOutbox(NotificationPolicy.defaults(), dispatcher, CLOCK, meters);
        Instant emitted = Instant.now().minusSeconds(2);
        CaseRecord c = insertCase(Severity.RED, emitted);
        CaseNotice notice = Notices.notice("opened", c);

        enqueue(outbox, notice);
        enqueue(outbox, notice);

        await().atMost(10, TimeUnit.SECONDS).until(() -> outbox(c.id(), "delivered_at is not null") == 1);
        assertThat(outbox(c.id(), "true")).as("a repeated enqueue is a no-op").isEqualTo(1);
        assertThat(outbox(c.id(), "attempts = 3 and last_error is null")).isEqualTo(1);
        List<WebhookReceiver.Request> seen = receiver.requests("/flaky");
        assertThat(seen).hasSize(3);
        assertThat(seen).extracting(r -> r.header("Idempotency-Key")).containsOnly(notice.idempotencyKey("webhook"));
        assertThat(seen).extracting(r -> r.header("X-Anju-Event")).containsOnly("opened");
        assertThat(seen).allSatisfy(r -> assertThat(WebhookSignature.verify(SECRET, r.header("X-Anju-Signature"),
                r.header("X-Anju-Timestamp"), r.body(), Instant.now(), Duration.ofMinutes(5))).isTrue());
        assertThat(receiver.acceptedKeys()).containsExactly(notice.idempotencyKey("webhook"));
        CaseNotice received = CasesJson.mapper().readValue(seen.get(2).body(), CaseNotice.class);
        assertThat(received.after().caseNo()).isEqualTo(c.caseNo());
        assertThat(received.event().seq()).isEqualTo(notice.event().seq());

        assertThat(firstNotifiedAt(c.id())).isNotNull();
        Timer timer = meters.get(OutboxDispatcher.ALERT_TO_NOTIFICATION).timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(2000);
        assertThat(deliveries("webhook", "retried")).isEqualTo(2);
        assertThat(deliveries("webhook", "delivered")).isEqualTo(1);
    }

    @Test
    void aRefusedRequestIsNotRetried() throws Exception {
        OutboxDispatcher dispatcher = start(webhook(WebhookChannel.WEBHOOK, "/reject", 5));
        PgOutbox outbox = new PgOutbox(NotificationPolicy.defaults(), dispatcher, CLOCK, meters);
        CaseRecord c = insertCase(Severity.ORANGE, Instant.now());

        enqueue(outbox, Notices.notice("opened", c));

        await().atMost(10, TimeUnit.SECONDS).until(() -> outbox(c.id(), "failed_at is not null") == 1);
        assertThat(outbox(c.id(), "attempts = 1 and delivered_at is null and last_error like '%HTTP 400%'")).isEqualTo(1);
        assertThat(receiver.requests("/reject")).hasSize(1);
        assertThat(firstNotifiedAt(c.id())).isNull();
        assertThat(deliveries("webhook", "failed")).isEqualTo(1);
    }

    @Test
    void aReceiverThatStaysDownIsGivenUpAfterMaxAttempts() throws Exception {
        OutboxDispatcher dispatcher = start(webhook(WebhookChannel.WEBHOOK, "/down", 3));
        PgOutbox outbox = new PgOutbox(NotificationPolicy.defaults(), dispatcher, CLOCK, meters);
        CaseRecord c = insertCase(Severity.RED, Instant.now());

        enqueue(outbox, Notices.notice("opened", c));

        await().atMost(10, TimeUnit.SECONDS).until(() -> outbox(c.id(), "failed_at is not null") == 1);
        assertThat(outbox(c.id(), "attempts = 3 and delivered_at is null and last_error like '%HTTP 503%'")).isEqualTo(1);
        assertThat(receiver.requests("/down")).hasSize(3);
        assertThat(deliveries("webhook", "retried")).isEqualTo(2);
        assertThat(deliveries("webhook", "failed")).isEqualTo(1);
    }

    @Test
    void aNewDispatcherDeliversWhatTheStoppedOneLeftPending() throws Exception {
        OutboxDispatcher first = start(webhook(WebhookChannel.WEBHOOK, "/down", 10));
        PgOutbox outbox = new PgOutbox(NotificationPolicy.defaults(), first, CLOCK, meters);
        CaseRecord c = insertCase(Severity.RED, Instant.now());
        CaseNotice notice = Notices.notice("opened", c);
        enqueue(outbox, notice);
        await().atMost(10, TimeUnit.SECONDS).until(() -> receiver.requests("/down").size() >= 1);
        get(first.stop());
        assertThat(outbox(c.id(), "delivered_at is null and failed_at is null")).as("still pending").isEqualTo(1);

        OutboxDispatcher second = start(webhook(WebhookChannel.WEBHOOK, "/ok", 10));

        await().atMost(10, TimeUnit.SECONDS).until(() -> outbox(c.id(), "delivered_at is not null") == 1);
        assertThat(receiver.requests("/ok")).extracting(r -> r.header("Idempotency-Key"))
                .containsExactly(notice.idempotencyKey("webhook"));
        assertThat(outbox(c.id(), "attempts >= 2")).isEqualTo(1);
        assertThat(second.channels()).containsOnlyKeys("webhook");
    }

    @Test
    void theExportMirrorsEveryNoticeButDoesNotCountAsNotifyingPeople() throws Exception {
        WebhookChannel people = webhook(WebhookChannel.WEBHOOK, "/ok", 5);
        WebhookChannel export = webhook(WebhookChannel.EXPORT, "/ok", 5);
        OutboxDispatcher dispatcher = new OutboxDispatcher(vertx, pool, Map.of("webhook", people, "export", export),
                fastPolling(), meters, CLOCK);
        PgOutbox outbox = new PgOutbox(NotificationPolicy.defaults(), dispatcher, CLOCK, meters);
        CaseRecord c = insertCase(Severity.YELLOW, Instant.now());

        enqueue(outbox, Notices.notice("comment", c));
        assertThat(channelsOf(c.id())).containsExactly("export");
        enqueue(outbox, Notices.notice("opened", c));
        assertThat(channelsOf(c.id())).containsExactly("export", "export", "webhook");

        // Only the export delivers: the case has not reached people yet.
        OutboxDispatcher exportOnly = start(export);
        await().atMost(10, TimeUnit.SECONDS).until(() -> outbox(c.id(), "channel = 'export' and delivered_at is not null") == 2);
        assertThat(outbox(c.id(), "channel = 'webhook' and delivered_at is null")).isEqualTo(1);
        assertThat(firstNotifiedAt(c.id())).isNull();
        assertThat(receiver.requests("/ok")).extracting(r -> r.header("X-Anju-Event")).containsExactlyInAnyOrder("comment", "opened");
        assertThat(exportOnly.channels()).containsOnlyKeys("export");
        assertThat(dispatcher.channels()).containsOnlyKeys("webhook", "export");
    }

    private WebhookChannel webhook(String name, String path, int maxAttempts) {
        return new WebhookChannel(name, http, new WebhookSettings(receiver.url(path), SECRET, Duration.ofSeconds(5),
                maxAttempts, Duration.ofMillis(50), Duration.ofMillis(200)));
    }

    private static DispatcherSettings fastPolling() {
        return DispatcherSettings.defaults().withPollInterval(Duration.ofMillis(100));
    }

    private OutboxDispatcher start(DeliveryChannel channel) {
        OutboxDispatcher d = new OutboxDispatcher(vertx, pool, Map.of(channel.name(), channel), fastPolling(), meters, CLOCK);
        d.start();
        started.add(d);
        return d;
    }

    private static void enqueue(PgOutbox outbox, CaseNotice notice) throws Exception {
        get(pool.withTransaction(tx -> outbox.enqueue(tx, notice)));
        outbox.wake();
    }

    private double deliveries(String channel, String outcome) {
        return meters.get(OutboxDispatcher.DELIVERIES).tag("channel", channel).tag("outcome", outcome).counter().count();
    }

    private static CaseRecord insertCase(Severity severity, Instant alertEmittedAt) throws SQLException {
        try (Connection c = db.jdbc()) {
            return Notices.insert(c, "g-beiyuanmen-01", severity, alertEmittedAt.plusMillis(300), alertEmittedAt);
        }
    }

    private static int outbox(long caseId, String condition) throws SQLException {
        try (Connection c = db.jdbc(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*) from outbox where case_id = " + caseId + " and " + condition)) {
            r.next();
            return r.getInt(1);
        }
    }

    private static List<String> channelsOf(long caseId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.jdbc(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select channel from outbox where case_id = " + caseId + " order by channel")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    private static Instant firstNotifiedAt(long caseId) throws SQLException {
        try (Connection c = db.jdbc(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select first_notified_at from cases where id = " + caseId)) {
            r.next();
            java.sql.Timestamp t = r.getTimestamp(1);
            return t == null ? null : t.toInstant();
        }
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = db.jdbc(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    static <T> T get(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
