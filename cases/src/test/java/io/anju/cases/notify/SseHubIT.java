package io.anju.cases.notify;

import io.anju.cases.access.AccessPolicy;
import io.anju.cases.json.CasesJson;
import io.anju.cases.model.CaseEvent;
import io.anju.cases.model.CaseRecord;
import io.anju.cases.model.Principal;
import io.anju.cases.model.Role;
import io.anju.cases.routing.Category;
import io.anju.cases.routing.CategoryTable;
import io.anju.cases.store.Database;
import io.anju.cases.text.CaseTexts;
import io.anju.cases.testing.TestCategories;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.anju.cases.notify.WebhookDeliveryIT.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The live event stream over real HTTP, fed by the outbox dispatcher from real PostgreSQL. */
class SseHubIT {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final String GRID_1 = "g-beiyuanmen-01";
    private static final String GRID_2 = "g-beiyuanmen-02";

    @TempDir
    static Path dir;
    static Database db;
    static Vertx vertx;
    static Pool pool;
    static SseHub hub;
    static HttpServer server;
    static OutboxDispatcher dispatcher;
    static PgOutbox outbox;

    private final List<SseClient> clients = new ArrayList<>();

    @BeforeAll
    static void startAll() throws Exception {
        db = Database.embedded(dir.resolve("pg"), 0);
        db.migrate();
        vertx = Vertx.vertx();
        pool = db.pool(vertx, 4);
        hub = new SseHub(vertx, pool, new AccessPolicy(categories()),
                new SseSettings(Duration.ofMillis(300), 64 * 1024, 1000, Duration.ofSeconds(3)),
                new CaseTexts(() -> null));
        Router router = Router.router(vertx);
        // Stands in for the API's JWT handler: the grid worker of the grid named in ?as=.
        router.get("/events").handler(ctx -> {
            String grid = ctx.request().getParam("as");
            hub.handle(ctx, new Principal("worker-" + grid, Role.GRID_WORKER, Set.of(grid)));
        });
        server = get(vertx.createHttpServer().requestHandler(router).listen(0, "localhost"));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        dispatcher = new OutboxDispatcher(vertx, pool, Map.of(SseHub.NAME, hub),
                DispatcherSettings.defaults().withPollInterval(Duration.ofMillis(100)), meters, CLOCK);
        dispatcher.start();
        outbox = new PgOutbox(NotificationPolicy.defaults(), dispatcher, CLOCK, meters);
    }

    private static CategoryTable categories() {
        Map<Severity, Duration> limits = new EnumMap<>(Severity.class);
        Arrays.stream(Severity.values()).forEach(s -> limits.put(s, Duration.ofHours(4)));
        Map<Severity, Duration> acknowledge = new EnumMap<>(Severity.class);
        Arrays.stream(Severity.values()).forEach(s -> acknowledge.put(s, Duration.ofMinutes(10)));
        return new CategoryTable(List.of(new Category("01-01", "charger", "Port overload", "充电口过载", "charger",
                "property", List.of(), List.of(AlertType.values()), List.of(), Duration.ofMinutes(30), acknowledge,
                limits, TestCategories.allCases())));
    }

    @AfterAll
    static void stopAll() throws Exception {
        get(dispatcher.stop());
        hub.close();
        get(server.close());
        get(pool.close());
        get(vertx.close());
        db.close();
    }

    @AfterEach
    void disconnect() throws Exception {
        for (SseClient c : clients) {
            get(c.close());
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> hub.subscribers() == 0);
    }

    @Test
    void aSubscriberInScopeGetsTheNoticeAndOneOutOfScopeDoesNot() throws Exception {
        SseClient worker1 = connect("/events?as=" + GRID_1, null);
        SseClient worker2 = connect("/events?as=" + GRID_2, null);
        await().atMost(5, TimeUnit.SECONDS).until(() -> hub.subscribers() == 2);

        CaseRecord inGrid1 = insertCase(GRID_1);
        CaseNotice notice1 = Notices.notice("opened", inGrid1);
        enqueue(notice1);
        await().atMost(10, TimeUnit.SECONDS).until(() -> worker1.ids().contains(notice1.event().seq()));

        SseClient.Event event = worker1.events().get(0);
        assertThat(event.event()).isEqualTo("opened");
        CaseNotice received = CasesJson.mapper().readValue(event.data(), CaseNotice.class);
        assertThat(received.after().caseNo()).isEqualTo(inGrid1.caseNo());
        assertThat(received.after().location().gridId()).isEqualTo(GRID_1);

        // worker2 is live (it gets its own grid's notice) and never got grid 1's.
        CaseNotice notice2 = Notices.notice("opened", insertCase(GRID_2));
        enqueue(notice2);
        await().atMost(10, TimeUnit.SECONDS).until(() -> worker2.ids().contains(notice2.event().seq()));
        assertThat(worker2.ids()).containsExactly(notice2.event().seq());
        await().during(300, TimeUnit.MILLISECONDS).atMost(2, TimeUnit.SECONDS)
                .until(() -> worker1.ids().equals(List.of(notice1.event().seq())));
        await().atMost(2, TimeUnit.SECONDS).until(() -> worker1.comments().contains("keep-alive"));
    }

    @Test
    void eachSubscriberReadsTheCaseAndItsEntryInTheLanguageItAsksFor() throws Exception {
        SseClient chinese = connect("/events?as=" + GRID_1, null);
        SseClient english = connect("/events?as=" + GRID_1 + "&lang=en", null);
        await().atMost(5, TimeUnit.SECONDS).until(() -> hub.subscribers() == 2);

        CaseRecord c = insertCase(GRID_1);
        CaseNotice opened = Notices.notice("command_outcome", c);
        CaseEvent stored = opened.event();
        // A confirmation as the command intake files it: the stored note is not what either reader reads.
        CaseNotice confirmed = new CaseNotice("command_outcome", c, new CaseEvent(stored.seq(), c.id(), stored.at(),
                "system", null, "command", null, null, "as stored", List.of(), Map.of("source", "confirmation",
                "outcome", "confirmed", "action", "stop_port", "port", 3, "deviceId", "dev-1", "powerW", 0)));
        enqueue(confirmed);
        await().atMost(10, TimeUnit.SECONDS).until(() -> english.ids().contains(stored.seq())
                && chinese.ids().contains(stored.seq()));

        CaseNotice zh = CasesJson.mapper().readValue(chinese.events().get(0).data(), CaseNotice.class);
        assertThat(zh.after().title()).isEqualTo("cp-" + GRID_1 + "充电桩 dev-1 3号端口过载");
        assertThat(zh.event().note()).isEqualTo("断电（3 号端口）已由读数确认（0 W）");
        CaseNotice en = CasesJson.mapper().readValue(english.events().get(0).data(), CaseNotice.class);
        assertThat(en.after().title()).isEqualTo("Port 3 of charger dev-1 overloaded at cp-" + GRID_1);
        assertThat(en.event().note()).isEqualTo("stop_port of port 3 confirmed by readings (0 W)");

        // A replay is in the language of the stream that asks for it too.
        SseClient back = connect("/events?as=" + GRID_1 + "&lang=en", Long.toString(stored.seq() - 1));
        await().atMost(10, TimeUnit.SECONDS).until(() -> back.ids().contains(stored.seq()));
        assertThat(CasesJson.mapper().readValue(back.events().get(0).data(), CaseNotice.class).after().title())
                .isEqualTo(en.after().title());
    }

    @Test
    void aReconnectWithLastEventIdReplaysWhatWasMissedThenGoesLive() throws Exception {
        SseClient first = connect("/events?as=" + GRID_1, null);
        await().atMost(5, TimeUnit.SECONDS).until(() -> hub.subscribers() == 1);
        CaseRecord c = insertCase(GRID_1);
        CaseNotice seen = Notices.notice("opened", c);
        enqueue(seen);
        await().atMost(10, TimeUnit.SECONDS).until(() -> first.ids().contains(seen.event().seq()));
        get(first.close());
        await().atMost(5, TimeUnit.SECONDS).until(() -> hub.subscribers() == 0);

        CaseNotice missed1 = Notices.notice("state_changed", c);
        CaseNotice otherGrid = Notices.notice("opened", insertCase(GRID_2));
        CaseNotice missed2 = Notices.notice("escalated", c);
        enqueue(missed1);
        enqueue(otherGrid);
        enqueue(missed2);
        await().atMost(10, TimeUnit.SECONDS).until(() -> undeliveredSseRows() == 0);

        SseClient back = connect("/events?as=" + GRID_1, Long.toString(seen.event().seq()));
        await().atMost(10, TimeUnit.SECONDS).until(() -> back.ids().size() >= 2);
        assertThat(back.ids()).containsExactly(missed1.event().seq(), missed2.event().seq());
        assertThat(back.events()).extracting(SseClient.Event::event).containsExactly("state_changed", "escalated");

        CaseNotice live = Notices.notice("reminder", c);
        enqueue(live);
        await().atMost(10, TimeUnit.SECONDS).until(() -> back.ids().size() >= 3);
        assertThat(back.ids()).containsExactly(missed1.event().seq(), missed2.event().seq(), live.event().seq());

        // The same through the query parameter, for clients that cannot set the header.
        SseClient byParam = connect("/events?as=" + GRID_1 + "&lastEventId=" + missed2.event().seq(), null);
        await().atMost(10, TimeUnit.SECONDS).until(() -> byParam.ids().size() >= 1);
        assertThat(byParam.ids()).containsExactly(live.event().seq());
    }

    @Test
    void aClientThatStopsReadingIsDroppedInsteadOfBufferedWithoutBound() throws Exception {
        NetClient net = vertx.createNetClient();
        try {
            NetSocket socket = get(net.connect(server.actualPort(), "localhost"));
            socket.pause();
            get(socket.write("GET /events?as=" + GRID_1 + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Accept: text/event-stream\r\n\r\n"));
            await().atMost(5, TimeUnit.SECONDS).until(() -> hub.subscribers() == 1);
            Instant now = Instant.now();
            CaseRecord bulky = Notices.charger(1, "LH-20261129-999999", GRID_1, Severity.RED, now, now, "x".repeat(64 * 1024));
            String json = CasesJson.mapper().writeValueAsString(Notices.notice("comment", bulky));

            // Far more than the socket buffers and the stream's 64 KiB bound can hold: about 128 MiB if kept.
            for (int i = 0; i < 2000 && hub.subscribers() > 0; i++) {
                get(hub.deliver(new OutboxRow(i, SseHub.NAME, "sse:bulk:" + i, 1, 5_000_000L + i, "comment", json, now, 0)));
                if (i % 50 == 49) {
                    Thread.sleep(20);
                }
            }

            await().atMost(10, TimeUnit.SECONDS).until(() -> hub.subscribers() == 0);
            AtomicBoolean closedByServer = new AtomicBoolean();
            socket.closeHandler(v -> closedByServer.set(true));
            socket.handler(ignored -> { });
            socket.resume();
            await().atMost(10, TimeUnit.SECONDS).untilTrue(closedByServer);
        } finally {
            get(net.close());
        }
    }

    @Test
    void aLastEventIdThatIsNotANumberIsRefused() throws Exception {
        SseClient bad = connect("/events?as=" + GRID_1, "yesterday");
        assertThat(bad.status()).isEqualTo(400);
    }

    private SseClient connect(String uri, String lastEventId) throws Exception {
        SseClient c = get(SseClient.connect(vertx, server.actualPort(), uri, lastEventId));
        clients.add(c);
        return c;
    }

    private static void enqueue(CaseNotice notice) throws Exception {
        get(pool.withTransaction(tx -> outbox.enqueue(tx, notice)));
        outbox.wake();
    }

    private static CaseRecord insertCase(String grid) throws SQLException {
        try (Connection c = db.jdbc()) {
            Instant now = Instant.now();
            return Notices.insert(c, grid, Severity.RED, now, now.minusMillis(500));
        }
    }

    private static int undeliveredSseRows() throws SQLException {
        try (Connection c = db.jdbc(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*) from outbox where channel = 'sse' and delivered_at is null")) {
            r.next();
            return r.getInt(1);
        }
    }
}
