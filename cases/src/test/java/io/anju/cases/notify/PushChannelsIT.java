package io.anju.cases.notify;

import io.anju.cases.json.CasesJson;
import io.anju.cases.model.CaseRecord;
import io.anju.cases.routing.CategoryTable;
import io.anju.cases.routing.GridRouter;
import io.anju.cases.store.Database;
import io.anju.cases.testing.MutableClock;
import io.anju.cases.testing.RobotReceiver;
import io.anju.cases.testing.RobotReceiver.Script;
import io.anju.cases.testing.TestPlaces;
import io.anju.cases.undelivered.UndeliveredRedEscalation;
import io.anju.common.alert.Severity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The WeCom, DingTalk and SMS-gateway channels through the real outbox on PostgreSQL, against local receivers that
 * check each platform's message format, signature and answer codes; delivery attempts as recorded; and a red notice
 * that reached nobody escalating its case. The dispatcher runs on a hand-moved clock, so retries happen when the
 * test moves time and attempt times are exact.
 */
class PushChannelsIT {
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(2);
    /** Generous: the test machine is shared; only the hanging receiver's test waits for a timeout. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

    @TempDir
    static Path dir;
    static Database db;
    static Vertx vertx;
    static Pool pool;
    static WebClient http;
    static MutableClock clock;
    static RobotReceiver receiver;
    static NoticeText text;

    private final List<OutboxDispatcher> started = new ArrayList<>();

    @BeforeAll
    static void startAll() throws Exception {
        db = Database.embedded(dir.resolve("pg"), 0);
        db.migrate();
        vertx = Vertx.vertx();
        pool = db.pool(vertx, 4);
        http = WebClient.create(vertx);
        clock = new MutableClock(T0);
        receiver = get(new RobotReceiver(clock).start(vertx));
        text = new NoticeText(CategoryTable.defaults(), TestPlaces::registry);
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
        clock.set(T0);
        receiver.reset();
        sql("delete from delivery_attempts");
        sql("delete from outbox");
    }

    @AfterEach
    void stopDispatchers() throws Exception {
        for (OutboxDispatcher d : started) {
            get(d.stop());
        }
        started.clear();
    }

    @Test
    void weComGetsMarkdownWithoutRecipientsAndATextMentioningTheirPhonesWithThem() throws Exception {
        OutboxDispatcher d = start(weCom("/wecom?key=" + RobotReceiver.WECOM_KEY, 3));
        CaseRecord c = insertCase(Severity.RED);

        long bare = queue(d, WeComChannel.NAME, Notices.notice("opened", c), null);
        long named = queue(d, WeComChannel.NAME, Notices.notice("reminder", c), new JsonArray()
                .add(new JsonObject().put("name", "li").put("displayName", "李伟").put("phone", "13800000001")
                        .put("language", "zh").put("channels", new JsonArray().add("wecom")))
                .add(new JsonObject().put("name", "wang").put("displayName", "王芳").put("language", "zh")));

        awaitAttempts(2);
        List<RobotReceiver.Request> seen = receiver.requests("/wecom");
        assertThat(seen).extracting(RobotReceiver.Request::status).containsOnly(200);
        assertThat(seen).extracting(r -> r.answer().getInteger("errcode")).containsOnly(0);
        JsonObject markdown = seen.stream().filter(r -> "markdown".equals(r.json().getString("msgtype")))
                .findFirst().orElseThrow().json();
        String md = markdown.getJsonObject("markdown").getString("content");
        assertThat(md).startsWith("### 【红色预警】充电站火灾风险：新案件")
                .contains("- 案件编号：" + c.caseNo(), "- 类别：充电站火灾风险（01-01）", "- 等级：红色", "- 状态：待核实");
        JsonObject textMessage = seen.stream().filter(r -> "text".equals(r.json().getString("msgtype")))
                .findFirst().orElseThrow().json().getJsonObject("text");
        assertThat(textMessage.getString("content")).startsWith("【红色预警】充电站火灾风险：超时催办\n案件编号：" + c.caseNo());
        assertThat(textMessage.getJsonArray("mentioned_mobile_list")).containsExactly("13800000001");
        assertThat(attempts(bare)).containsExactly(new Outcome(1, T0, "delivered", 200, null));
        assertThat(attempts(named)).containsExactly(new Outcome(1, T0, "delivered", 200, null));
    }

    @Test
    void aRateLimitedWeComRobotIsRetriedButAWrongKeyIsRefusedForGood() throws Exception {
        OutboxDispatcher d = start(weCom("/wecom?key=" + RobotReceiver.WECOM_KEY, 5));
        CaseRecord c = insertCase(Severity.ORANGE);
        receiver.script("/wecom", Script.errcode(45009));

        long row = queue(d, WeComChannel.NAME, Notices.notice("opened", c), null);
        awaitAttempts(1);
        moveAndWake(d, FIRST_BACKOFF);
        awaitAttempts(2);
        assertThat(attempts(row)).containsExactly(
                new Outcome(1, T0, "retry", 200, "the wecom robot refused the message: errcode 45009 scripted"),
                new Outcome(2, T0.plus(FIRST_BACKOFF), "delivered", 200, null));

        get(d.stop());
        OutboxDispatcher wrongKey = start(weCom("/wecom?key=not-the-key", 5));
        long refused = queue(wrongKey, WeComChannel.NAME, Notices.notice("opened", insertCase(Severity.ORANGE)), null);
        await().atMost(10, TimeUnit.SECONDS).until(() -> attempts(refused).size() == 1);
        assertThat(attempts(refused)).containsExactly(new Outcome(1, clock.instant(), "failed", 200,
                "the wecom robot refused the message: errcode 93000 invalid webhook url"));
        assertThat(outbox(refused, "failed_at is not null and attempts = 1")).isTrue();
    }

    @Test
    void dingTalkGetsSignedMarkdownMentioningPhonesAndARequestSignedWithAnotherSecretIsRefused() throws Exception {
        String url = "/dingtalk?access_token=" + RobotReceiver.DINGTALK_TOKEN;
        OutboxDispatcher d = start(dingTalk(url, RobotReceiver.DINGTALK_SECRET));
        CaseRecord c = insertCase(Severity.RED);

        long row = queue(d, DingTalkChannel.NAME, Notices.notice("opened", c), new JsonArray()
                .add(new JsonObject().put("name", "li").put("phone", "13800000001")));
        awaitAttempts(1);
        RobotReceiver.Request req = receiver.requests("/dingtalk").get(0);
        assertThat(req.answer()).isEqualTo(new JsonObject().put("errcode", 0).put("errmsg", "ok"));
        assertThat(req.query()).containsEntry("timestamp", Long.toString(T0.toEpochMilli()));
        JsonObject body = req.json();
        assertThat(body.getString("msgtype")).isEqualTo("markdown");
        assertThat(body.getJsonObject("markdown").getString("title")).isEqualTo("【红色预警】充电站火灾风险：新案件");
        assertThat(body.getJsonObject("markdown").getString("text")).contains("- 案件编号：" + c.caseNo())
                .endsWith("@13800000001");
        assertThat(body.getJsonObject("at").getJsonArray("atMobiles")).containsExactly("13800000001");
        assertThat(attempts(row)).containsExactly(new Outcome(1, T0, "delivered", 200, null));

        get(d.stop());
        OutboxDispatcher forged = start(dingTalk(url, "SEC-some-other-secret"));
        long refused = queue(forged, DingTalkChannel.NAME, Notices.notice("opened", insertCase(Severity.RED)), null);
        await().atMost(10, TimeUnit.SECONDS).until(() -> attempts(refused).size() == 1);
        assertThat(attempts(refused)).containsExactly(new Outcome(1, T0, "failed", 200,
                "the dingtalk robot refused the message: errcode 310000 sign not match"));
    }

    @Test
    void theSmsGatewayGetsTheSignedContractForTheNamedPhonesOrTheFallbackList() throws Exception {
        OutboxDispatcher d = start(sms(RobotReceiver.SMS_SECRET));
        CaseRecord red = insertCase(Severity.RED);
        CaseRecord orange = insertCase(Severity.ORANGE);

        CaseNotice named = Notices.notice("opened", red);
        queue(d, SmsGatewayChannel.NAME, named, new JsonArray()
                .add(new JsonObject().put("name", "li").put("phone", "13800000001"))
                .add(new JsonObject().put("name", "zhao").put("phone", "+8613900000002")));
        queue(d, SmsGatewayChannel.NAME, Notices.notice("opened", orange), null);
        awaitAttempts(2);

        List<RobotReceiver.Request> seen = receiver.requests("/sms");
        assertThat(seen).extracting(RobotReceiver.Request::status).containsOnly(202);
        JsonObject toNamed = seen.stream().filter(r -> r.json().getString("caseNo").equals(red.caseNo()))
                .findFirst().orElseThrow().json();
        assertThat(toNamed.getJsonArray("recipients")).containsExactly("13800000001", "+8613900000002");
        assertThat(toNamed.getBoolean("voice")).as("red asks for a call as well").isTrue();
        assertThat(toNamed.getString("idempotencyKey")).isEqualTo(named.idempotencyKey("sms"));
        assertThat(toNamed.getString("kind")).isEqualTo("opened");
        assertThat(toNamed.getString("text")).startsWith("【红色预警】充电站火灾风险：新案件\n案件编号：" + red.caseNo());
        JsonObject toFallback = seen.stream().filter(r -> r.json().getString("caseNo").equals(orange.caseNo()))
                .findFirst().orElseThrow().json();
        assertThat(toFallback.getJsonArray("recipients")).containsExactly("13700000009");
        assertThat(toFallback.getBoolean("voice")).isFalse();

        get(d.stop());
        OutboxDispatcher forged = start(sms("another-secret-of-16+"));
        long refused = queue(forged, SmsGatewayChannel.NAME, Notices.notice("opened", orange), null);
        await().atMost(10, TimeUnit.SECONDS).until(() -> attempts(refused).size() == 1);
        assertThat(attempts(refused)).containsExactly(new Outcome(1, T0, "failed", 401,
                "HTTP 401 from the sms receiver"));
    }

    @Test
    void acknowledgeLinksGoOnlyToEachPersonsOwnSms_notToTheGroupRobot() throws Exception {
        CaseRecord c = insertCase(Severity.RED);
        CaseNotice opened = Notices.notice("opened", c).addressedTo(List.of(
                        new Recipient("li", "Li", "13800000001", "zh", List.of("sms")),
                        new Recipient("zhao", "Zhao", null, "zh", List.of("wecom"))),
                Map.of("li", "https://anju.example/api/v1/ack/li-token", "zhao", "https://anju.example/api/v1/ack/zhao-token"));
        sendByRobotAndSms(opened);
        awaitAttempts(2);

        JsonObject toRobot = receiver.requests("/wecom").get(0).json();
        assertThat(toRobot.encode()).as("a group chat is read by others: no links").doesNotContain("ack/");
        JsonObject toSms = receiver.requests("/sms").get(0).json();
        assertThat(toSms.getJsonObject("links").getMap())
                .as("each phone gets its own person's link; a person without a phone gets none by SMS")
                .containsExactly(Map.entry("13800000001", "https://anju.example/api/v1/ack/li-token"));
        assertThat(toSms.getString("text")).doesNotContain("ack/");
    }

    @Test
    void eachPersonReadsTheNoticeInTheirContactsLanguage_onTheSmsGatewayAndTheGroupRobot() throws Exception {
        CaseRecord c = insertCase(Severity.RED);
        CaseNotice opened = Notices.notice("opened", c).addressedTo(List.of(
                        new Recipient("li", "李伟", "13800000001", "zh", List.of("sms")),
                        new Recipient("sam", "Sam", "13800000002", "en", List.of("sms"))),
                Map.of("li", "https://anju.example/api/v1/ack/li-token", "sam", "https://anju.example/api/v1/ack/sam-token"));
        sendByRobotAndSms(opened);
        await().atMost(10, TimeUnit.SECONDS).until(() -> receiver.requests("/sms").size() == 2
                && receiver.requests("/wecom").size() == 2);

        List<JsonObject> sms = receiver.requests("/sms").stream().map(RobotReceiver.Request::json).toList();
        JsonObject zh = sms.stream().filter(m -> "zh".equals(m.getString("language"))).findFirst().orElseThrow();
        JsonObject en = sms.stream().filter(m -> "en".equals(m.getString("language"))).findFirst().orElseThrow();
        assertThat(zh.getJsonArray("recipients")).containsExactly("13800000001");
        assertThat(zh.getString("text")).startsWith("【红色预警】充电站火灾风险：新案件\n案件编号：" + c.caseNo())
                .contains("等级：红色").doesNotContain("Fire risk");
        assertThat(zh.getJsonObject("links").getMap()).containsOnlyKeys("13800000001");
        assertThat(en.getJsonArray("recipients")).containsExactly("13800000002");
        assertThat(en.getString("text")).startsWith("[red warning] Fire risk at a charging station: new case\nCase: "
                + c.caseNo()).contains("Severity: red", "State: awaiting verification").doesNotContain("预警");
        assertThat(en.getJsonObject("links").getMap()).containsOnlyKeys("13800000002");
        assertThat(List.of(zh.getString("idempotencyKey"), en.getString("idempotencyKey")))
                .as("each message its own key, stable across retries")
                .containsExactly(opened.idempotencyKey("sms") + ":zh", opened.idempotencyKey("sms") + ":en");

        List<String> robot = receiver.requests("/wecom").stream()
                .map(r -> r.json().getJsonObject("text").getString("content")).toList();
        assertThat(robot).anySatisfy(m -> assertThat(m).startsWith("【红色预警】"))
                .anySatisfy(m -> assertThat(m).startsWith("[red warning]"));
        assertThat(attempts(rowOf(c.id(), opened.event().seq(), SmsGatewayChannel.NAME)))
                .extracting(Outcome::outcome).containsExactly("delivered");
    }

    @Test
    void aReceiverAnswering500IsRetriedUntilItAnswersAndEveryAttemptIsRecorded() throws Exception {
        OutboxDispatcher d = start(weCom("/wecom?key=" + RobotReceiver.WECOM_KEY, 5));
        receiver.script("/wecom", Script.http(500), Script.http(500));
        long row = queue(d, WeComChannel.NAME, Notices.notice("opened", insertCase(Severity.RED)), null);

        awaitAttempts(1);
        moveAndWake(d, FIRST_BACKOFF);
        awaitAttempts(2);
        moveAndWake(d, FIRST_BACKOFF.multipliedBy(2));
        awaitAttempts(3);

        assertThat(attempts(row)).containsExactly(
                new Outcome(1, T0, "retry", 500, "HTTP 500 from the wecom receiver"),
                new Outcome(2, T0.plusSeconds(2), "retry", 500, "HTTP 500 from the wecom receiver"),
                new Outcome(3, T0.plusSeconds(6), "delivered", 200, null));
        assertThat(outbox(row, "delivered_at = '" + T0.plusSeconds(6) + "' and attempts = 3")).isTrue();
    }

    @Test
    void aRedNoticeThatReachedNobodyEscalatesTheCaseOnceAndTheNextLevelIsNotified() throws Exception {
        WeComChannel weCom = new WeComChannel(http, settings("/wecom?key=" + RobotReceiver.WECOM_KEY, null, 2,
                Duration.ofSeconds(1)), text);
        SmsGatewayChannel sms = sms(RobotReceiver.SMS_SECRET);
        OutboxDispatcher d = new OutboxDispatcher(vertx, pool, Map.of(WeComChannel.NAME, weCom,
                SmsGatewayChannel.NAME, sms), fastPolling(), new SimpleMeterRegistry(), clock);
        PgOutbox outbox = new PgOutbox(NotificationPolicy.defaults(), d, clock, new SimpleMeterRegistry());
        d.onUndelivered(new UndeliveredRedEscalation(new GridRouter(TestPlaces.registry(), CategoryTable.defaults(),
                "lianhu"), outbox, List.of(WeComChannel.NAME, SmsGatewayChannel.NAME)));
        d.start();
        started.add(d);
        // WeCom hangs twice (its 2 attempts), the gateway refuses the request for good.
        receiver.script("/wecom", Script.hang(), Script.hang());
        receiver.script("/sms", Script.http(400));
        CaseRecord c = insertCase(Severity.RED);
        CaseNotice opened = Notices.notice("opened", c);
        get(pool.withTransaction(tx -> outbox.enqueue(tx, opened)));
        outbox.wake();

        await().atMost(10, TimeUnit.SECONDS).until(() -> count("delivery_attempts") == 2);
        assertThat(events(c.id())).as("WeCom is still being retried").isEmpty();
        moveAndWake(d, FIRST_BACKOFF);
        await().atMost(10, TimeUnit.SECONDS).until(() -> events(c.id()).size() == 2);

        long weComRow = rowOf(c.id(), opened.event().seq(), WeComChannel.NAME);
        List<Outcome> tries = attempts(weComRow);
        assertThat(tries).extracting(Outcome::outcome).containsExactly("retry", "failed");
        assertThat(tries).extracting(Outcome::at).containsExactly(T0, T0.plus(FIRST_BACKOFF));
        assertThat(tries).extracting(Outcome::httpStatus).containsOnlyNulls();
        assertThat(tries).extracting(Outcome::error).allSatisfy(e -> assertThat(e).contains("timeout"));

        List<Map<String, Object>> events = events(c.id());
        assertThat(events.get(0)).containsEntry("kind", "notification_undelivered");
        JsonObject data = new JsonObject((String) events.get(0).get("data"));
        assertThat(data.getString("noticeSeq")).isEqualTo(Long.toString(opened.event().seq()));
        assertThat(data.getJsonObject("channels").fieldNames()).containsExactlyInAnyOrder("wecom", "sms");
        assertThat(data.getJsonObject("channels").getString("sms")).isEqualTo("HTTP 400 from the sms receiver");
        assertThat((String) events.get(0).get("note")).as("written in Chinese, the default")
                .startsWith("通知未送达：红色“新案件”通知未送达任何人：")
                .contains("wecom (", "sms (HTTP 400 from the sms receiver)");
        assertThat(events.get(1).get("note")).isEqualTo("通知未送达：由" + "网格 " + c.assignedUnit() + " 上报至社区 "
                + c.location().communityId());
        assertThat(events.get(1)).containsEntry("kind", "escalated");
        assertThat(new JsonObject((String) events.get(1).get("data")).getMap())
                .containsEntry("from", c.assignedUnit()).containsEntry("to", c.location().communityId())
                .containsEntry("level", "community").containsEntry("reason", "notification_undelivered");
        assertThat(strings("select assigned_level || ' ' || assigned_unit from cases where id = ?", c.id()))
                .containsExactly("community " + c.location().communityId());

        // The escalation is announced on both channels, which now answer: the community centre hears of it.
        await().atMost(10, TimeUnit.SECONDS).until(() -> receiver.requests("/sms").stream()
                .anyMatch(r -> r.status() == 202 && "escalated".equals(r.json().getString("kind"))));
        await().atMost(10, TimeUnit.SECONDS).until(() -> receiver.requests("/wecom").stream()
                .anyMatch(r -> r.status() == 200 && r.json().encode().contains("案件已上报上级")));
        String escalatedMd = receiver.requests("/wecom").stream().filter(r -> r.status() == 200)
                .findFirst().orElseThrow().json().getJsonObject("markdown").getString("content");
        assertThat(escalatedMd).contains("- 上报至：社区 " + c.location().communityId());
        assertThat(events(c.id())).as("escalated once, although two channels gave the notice up").hasSize(2);
    }

    @Test
    void noEscalationWhenAnotherChannelDeliveredOrTheCaseIsNotRed() throws Exception {
        WeComChannel refusing = weCom("/wecom?key=wrong-key", 1);
        SmsGatewayChannel sms = sms(RobotReceiver.SMS_SECRET);
        OutboxDispatcher d = new OutboxDispatcher(vertx, pool, Map.of(WeComChannel.NAME, refusing,
                SmsGatewayChannel.NAME, sms), fastPolling(), new SimpleMeterRegistry(), clock);
        PgOutbox outbox = new PgOutbox(NotificationPolicy.defaults(), d, clock, new SimpleMeterRegistry());
        d.onUndelivered(new UndeliveredRedEscalation(new GridRouter(TestPlaces.registry(), CategoryTable.defaults(),
                "lianhu"), outbox, List.of(WeComChannel.NAME, SmsGatewayChannel.NAME)));
        d.start();
        started.add(d);
        CaseRecord red = insertCase(Severity.RED);
        get(pool.withTransaction(tx -> outbox.enqueue(tx, Notices.notice("opened", red))));
        outbox.wake();
        await().atMost(10, TimeUnit.SECONDS).until(() -> count("delivery_attempts") == 2);

        receiver.script("/sms", Script.http(400));
        CaseRecord orange = insertCase(Severity.ORANGE);
        get(pool.withTransaction(tx -> outbox.enqueue(tx, Notices.notice("opened", orange))));
        outbox.wake();
        await().atMost(10, TimeUnit.SECONDS).until(() -> count("delivery_attempts") == 4);

        assertThat(strings("select outcome from delivery_attempts order by outbox_id"))
                .containsExactlyInAnyOrder("failed", "delivered", "failed", "failed");
        assertThat(events(red.id())).as("the SMS reached people").isEmpty();
        assertThat(events(orange.id())).as("only red notices escalate").isEmpty();
    }

    // --- channels and dispatchers

    /** Queues {@code notice} for a dispatcher with the WeCom robot and the SMS gateway, and starts that dispatcher. */
    private void sendByRobotAndSms(CaseNotice notice) throws Exception {
        WeComChannel weCom = new WeComChannel(http, settings("/wecom?key=" + RobotReceiver.WECOM_KEY, null, 2), text);
        OutboxDispatcher d = new OutboxDispatcher(vertx, pool, Map.of(WeComChannel.NAME, weCom,
                SmsGatewayChannel.NAME, sms(RobotReceiver.SMS_SECRET)), fastPolling(), new SimpleMeterRegistry(), clock);
        PgOutbox outbox = new PgOutbox(NotificationPolicy.defaults(), d, clock, new SimpleMeterRegistry());
        get(pool.withTransaction(tx -> outbox.enqueue(tx, notice)));
        d.start();
        started.add(d);
    }

    private static PushSettings settings(String url, String secret, int maxAttempts, Duration timeout) {
        return new PushSettings(receiver.url(url), secret, Severity.BLUE, timeout,
                new Backoff(maxAttempts, FIRST_BACKOFF, Duration.ofMinutes(1), Backoff.DEFAULT_JITTER));
    }

    private static PushSettings settings(String url, String secret, int maxAttempts) {
        return settings(url, secret, maxAttempts, ANSWER_WITHIN);
    }

    private static WeComChannel weCom(String url, int maxAttempts) {
        return new WeComChannel(http, settings(url, null, maxAttempts), text);
    }

    private static DingTalkChannel dingTalk(String url, String secret) {
        return new DingTalkChannel(http, settings(url, secret, 3), text, clock);
    }

    private static SmsGatewayChannel sms(String secret) {
        return new SmsGatewayChannel(http, settings("/sms", secret, 3), List.of("13700000009"), text, clock);
    }

    private static DispatcherSettings fastPolling() {
        return DispatcherSettings.defaults().withPollInterval(Duration.ofMillis(100));
    }

    private OutboxDispatcher start(DeliveryChannel channel) {
        OutboxDispatcher d = new OutboxDispatcher(vertx, pool, Map.of(channel.name(), channel), fastPolling(),
                new SimpleMeterRegistry(), clock);
        d.start();
        started.add(d);
        return d;
    }

    private static void moveAndWake(OutboxDispatcher d, Duration by) {
        clock.advance(by);
        d.wake();
    }

    /** Queues a notice on one channel, with the people engineer's {@code recipients} list when given. */
    private static long queue(OutboxDispatcher d, String channel, CaseNotice notice, JsonArray recipients)
            throws Exception {
        JsonObject payload = new JsonObject(CasesJson.mapper().writeValueAsString(notice));
        if (recipients != null) {
            payload.put("recipients", recipients);
        }
        long id;
        try (Connection c = db.jdbc(); PreparedStatement s = c.prepareStatement("""
                insert into outbox (channel, idempotency_key, case_id, event_seq, kind, payload, created_at,
                                    next_attempt_at)
                values (?, ?, ?, ?, ?, ?::jsonb, ?, ?) returning id""")) {
            s.setString(1, channel);
            s.setString(2, notice.idempotencyKey(channel));
            s.setLong(3, notice.after().id());
            s.setLong(4, notice.event().seq());
            s.setString(5, notice.kind());
            s.setString(6, payload.encode());
            s.setTimestamp(7, Timestamp.from(clock.instant()));
            s.setTimestamp(8, Timestamp.from(clock.instant()));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                id = r.getLong(1);
            }
        }
        d.wake();
        return id;
    }

    // --- what the database holds

    record Outcome(int attempt, Instant at, String outcome, Integer httpStatus, String error) {
    }

    private static List<Outcome> attempts(long outboxId) throws SQLException {
        List<Outcome> out = new ArrayList<>();
        try (Connection c = db.jdbc(); PreparedStatement s = c.prepareStatement("""
                select attempt, at, outcome, http_status, error from delivery_attempts
                 where outbox_id = ? order by attempt""")) {
            s.setLong(1, outboxId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Outcome(r.getInt(1), r.getTimestamp(2).toInstant(), r.getString(3),
                            (Integer) r.getObject(4), r.getString(5)));
                }
            }
        }
        return out;
    }

    private static void awaitAttempts(int n) {
        await().atMost(10, TimeUnit.SECONDS).until(() -> count("delivery_attempts") == n);
    }

    private static long rowOf(long caseId, long seq, String channel) throws SQLException {
        return Long.parseLong(strings("select id from outbox where case_id = ? and event_seq = ? and channel = ?",
                caseId, seq, channel).get(0));
    }

    private static boolean outbox(long id, String condition) throws SQLException {
        return !strings("select 1 from outbox where id = ? and " + condition, id).isEmpty();
    }

    private static List<Map<String, Object>> events(long caseId) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = db.jdbc(); PreparedStatement s = c.prepareStatement(
                "select kind, note, data::text from case_events where case_id = ? order by seq")) {
            s.setLong(1, caseId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("kind", r.getString(1));
                    e.put("note", r.getString(2));
                    e.put("data", r.getString(3));
                    out.add(e);
                }
            }
        }
        return out;
    }

    private static CaseRecord insertCase(Severity severity) throws SQLException {
        try (Connection c = db.jdbc()) {
            return Notices.insert(c, TestPlaces.GRID, severity, clock.instant(), clock.instant().minusSeconds(2));
        }
    }

    private static int count(String table) throws SQLException {
        return Integer.parseInt(strings("select count(*) from " + table).get(0));
    }

    private static List<String> strings(String sql, Object... params) throws SQLException {
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

    private static void sql(String statement) throws SQLException {
        try (Connection c = db.jdbc(); PreparedStatement s = c.prepareStatement(statement)) {
            s.execute();
        }
    }

    static <T> T get(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
