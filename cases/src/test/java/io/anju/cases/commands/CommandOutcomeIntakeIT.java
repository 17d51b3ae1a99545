package io.anju.cases.commands;

import io.anju.cases.intake.IntakeSettings;
import io.anju.cases.model.CaseEvent;
import io.anju.cases.model.CaseRecord;
import io.anju.cases.model.NewCase;
import io.anju.cases.model.Origin;
import io.anju.cases.model.Principal;
import io.anju.cases.store.EventSql;
import io.anju.cases.supervise.SupervisionSettings;
import io.anju.cases.testing.QuarantineReader;
import io.anju.cases.testing.ServiceFixture;
import io.anju.cases.testing.TestPlaces;
import io.anju.cases.text.CaseTexts;
import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.common.text.Lang;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.TopicAdmin;
import io.anju.kafka.EmbeddedKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.anju.cases.testing.ServiceFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The command outcome intake between a real broker and the real case service on real PostgreSQL, fed the records the
 * gateway and the alerting job write (docs/kafka-topics.md). Each test reads a topic of its own as a group of its
 * own, about alerts of its own ports.
 */
class CommandOutcomeIntakeIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2026-12-06T11:00:00Z");
    private static final AtomicInteger NEXT = new AtomicInteger();

    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;
    static ServiceFixture f;
    static CommandOutcomes outcomes;
    static KafkaProducer<String, String> producer;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
        f = new ServiceFixture(dir.resolve("pg"), T0, SupervisionSettings.defaults());
        outcomes = new CommandOutcomes(f.pool, f.outbox, f.clock);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    @AfterAll
    static void stop() throws Exception {
        producer.close();
        f.close();
        kafka.close();
    }

    @Test
    void aStopsOutcomesAreTheHistoryOfItsCase_inOrder_onceEach_acrossARestart() throws Exception {
        IntakeSettings settings = freshTopic();
        Alert fire = fireRisk(2);
        CaseRecord c = await(f.service.applyAlert(fire));
        String stop = "cmd-" + fire.id();
        String held = delivery(stop, fire.id(), "held", "device offline; held until 2026-12-06T11:10:00Z");
        String delivered = delivery(stop, fire.id(), "delivered", null);
        String replied = "{\"deviceId\":\"" + TestPlaces.CHARGER + "\",\"type\":\"charger\",\"channel\":\"command/reply\","
                + "\"ts\":1796554802000,\"seq\":7,\"gateway\":\"gw-1\",\"payload\":{\"id\":\"" + stop + "\","
                + "\"ts\":1796554802000,\"result\":\"ok\",\"detail\":\"port 2 stopped\"}}";
        String confirmed = confirmation(stop, fire.id(), 2, "confirmed", 1, 0.0);

        SimpleMeterRegistry before = new SimpleMeterRegistry();
        try (CommandOutcomeIntake intake = new CommandOutcomeIntake(settings, outcomes, before)) {
            intake.start();
            send(settings.topic(), held, delivered, replied);
            await().atMost(PATIENCE).until(() -> commandEvents(c.id()).size() == 3);
            assertThat(intake.healthy()).isTrue();
        }

        SimpleMeterRegistry after = new SimpleMeterRegistry();
        try (CommandOutcomeIntake restarted = new CommandOutcomeIntake(settings, outcomes, after)) {
            restarted.start();
            // The confirmation, then all four again: a replay of the topic, a producer's retry.
            send(settings.topic(), confirmed, held, delivered, replied, confirmed);
            await().atMost(PATIENCE).until(() -> records(after, "repeat") == 4);
            assertThat(records(after, "recorded")).as("only the confirmation was new after the restart").isEqualTo(1);
            assertThat(after.find("anju.cases.command.outcomes").tag("outcome", "confirmed").counter().count())
                    .isEqualTo(1);
        }

        // Written in Chinese, the default (each reader gets them worded again in their own language).
        assertThat(commandEvents(c.id())).extracting(CaseEvent::actor, CaseEvent::note).containsExactly(
                tuple("system", "断电（2 号端口）已暂存，待充电站重新上线后送达：device offline; held until "
                        + "2026-12-06T11:10:00Z"),
                tuple("system", "断电（2 号端口）已送达 " + TestPlaces.CHARGER + "（网关 gw-1）"),
                tuple("system", "设备对断电（2 号端口）的应答：ok：port 2 stopped"),
                tuple("system", "断电（2 号端口）已由读数确认（0 W）"));
        CaseEvent last = commandEvents(c.id()).get(3);
        assertThat(last.data()).containsEntry("commandId", stop).containsEntry("source", "confirmation")
                .containsEntry("action", "stop_port").containsEntry("port", 2).containsEntry("outcome", "confirmed")
                .containsEntry("attempt", 1).containsEntry("powerW", 0.0);
        assertThat(commandEvents(c.id()).get(1).data()).containsEntry("gateway", "gw-1").doesNotContainKey("attempt");
        assertThat(f.notices(c.id())).as("only the confirmation is a notice; the rest is history")
                .filteredOn("command_outcome"::equals).hasSize(1);
        assertThat(await(outcomes.waiting())).isZero();
    }

    @Test
    void anOutcomeWhoseAlertHasNoCaseYetWaitsForIt_andHoldsNothingBack() throws Exception {
        IntakeSettings settings = freshTopic().withMaxAttempts(2);
        Alert early = fireRisk(3);
        Alert known = fireRisk(4);
        CaseRecord knownCase = await(f.service.applyAlert(known));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (CommandOutcomeIntake intake = new CommandOutcomeIntake(settings, outcomes, meters)) {
            intake.start();
            send(settings.topic(), confirmation("cmd-" + early.id(), early.id(), 3, "unconfirmed", 3, 950.0),
                    "{not json",
                    // PostgreSQL stores no NUL in text: refused for the record's own reason, twice, then quarantined.
                    confirmation("cmd-\\u0000", early.id(), 3, "confirmed", 1, 0.0),
                    delivery("cmd-nobody", null, "delivered", null),
                    "{\"deviceId\":\"x\",\"channel\":\"command/reply\",\"payload\":{\"id\":\"cmd-unknown\",\"result\":\"ok\"}}",
                    confirmation("cmd-" + known.id(), known.id(), 4, "retried", 2, 640.5));
            await().atMost(PATIENCE).until(() -> commandEvents(knownCase.id()).size() == 1);
            assertThat(commandEvents(knownCase.id()).get(0).note())
                    .isEqualTo("断电（4 号端口）未按时确认，已重发（第 2 次）（仍为 640.5 W）");
            assertThat(records(meters, "waiting")).isEqualTo(1);
            assertThat(records(meters, "unreadable")).isEqualTo(1);
            List<ConsumerRecord<byte[], byte[]>> quarantined = QuarantineReader.from(kafka.bootstrapServers(),
                    settings.topic(), 2, PATIENCE);
            assertThat(quarantined).extracting(r -> QuarantineReader.json(r).path("code").asText())
                    .containsExactly("unreadable", "unrecordable");
            assertThat(quarantined).extracting(r -> QuarantineReader.json(r).path("offset").asLong())
                    .containsExactly(1L, 2L);
            assertThat(QuarantineReader.json(quarantined.get(0)).path("reason").asText()).isEqualTo("not_json");
            assertThat(QuarantineReader.json(quarantined.get(1)).path("reason").asText()).contains("2 times");
            assertThat(records(meters, "quarantined")).isEqualTo(1);
            assertThat(records(meters, "waiting_for_command")).as("a report and a reply of commands not known yet")
                    .isEqualTo(2);
            assertThat(await(outcomes.waiting())).isEqualTo(1);
            assertThat(f.notices(knownCase.id())).as("a retry is history only").doesNotContain("command_outcome");
            assertThat(intake.healthy()).isTrue();

            CaseRecord lateCase = await(f.service.applyAlert(early));
            await().atMost(PATIENCE).until(() -> commandEvents(lateCase.id()).size() == 1);
            assertThat(commandEvents(lateCase.id()).get(0).note())
                    .isEqualTo("断电（3 号端口）发出 3 次仍未确认（仍为 950 W）");
            assertThat(f.notices(lateCase.id())).contains("command_outcome");
            assertThat(await(outcomes.waiting())).isZero();

            // The report and reply of commands no record ever named an alert or case of wait their while, then are
            // forgotten.
            assertThat(await(outcomes.waitingForCommand())).isEqualTo(2);
            Clock later = Clock.fixed(f.clock.instant().plus(CommandOutcomes.UNNAMED_REPLY_KEPT).plusSeconds(1),
                    ZoneOffset.UTC);
            await(new CommandOutcomes(f.pool, f.outbox, later).attachWaiting());
            assertThat(await(outcomes.waitingForCommand())).isZero();
        }
    }

    /**
     * The device answers a command before it acknowledges it, so its reply may be read before the gateway's delivery
     * report (two producers, no order), and before the 'request' row of a command people issued is committed (that
     * waits for Kafka's acknowledgement): the reply waits for the outcome that names the alert and is filed with it.
     */
    @Test
    void aReplyReadBeforeAnyOutcomeNamingItsAlert_isFiledInTheCaseOnceOneDoes() throws Exception {
        IntakeSettings settings = freshTopic();
        Alert fire = fireRisk(1);
        CaseRecord c = await(f.service.applyAlert(fire));
        String stop = "cmd-" + fire.id();
        String replied = "{\"deviceId\":\"" + TestPlaces.CHARGER + "\",\"type\":\"charger\",\"channel\":\"command/reply\","
                + "\"ts\":1796554802000,\"seq\":9,\"gateway\":\"gw-1\",\"payload\":{\"id\":\"" + stop + "\","
                + "\"ts\":1796554802000,\"result\":\"ok\",\"detail\":\"port 1 stopped\"}}";
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (CommandOutcomeIntake intake = new CommandOutcomeIntake(settings, outcomes, meters)) {
            intake.start();
            send(settings.topic(), replied);
            await().atMost(PATIENCE).until(() -> records(meters, "waiting_for_command") == 1);
            assertThat(commandEvents(c.id())).as("nothing to file it under yet").isEmpty();

            send(settings.topic(), delivery(stop, fire.id(), "delivered", null), replied);
            await().atMost(PATIENCE).until(() -> commandEvents(c.id()).size() == 2);
            assertThat(records(meters, "repeat")).as("the reply read again").isEqualTo(1);
        }
        assertThat(commandEvents(c.id())).extracting(CaseEvent::note).containsExactlyInAnyOrder(
                "断电（1 号端口）已送达 " + TestPlaces.CHARGER + "（网关 gw-1）",
                "设备对断电（1 号端口）的应答：ok：port 1 stopped");
        assertThat(commandEvents(c.id())).extracting(e -> e.data().get("alertId")).containsOnly(fire.id());
        assertThat(await(outcomes.waitingForCommand())).isZero();
        assertThat(await(outcomes.waiting())).isZero();
    }

    /** The alerting job's cap on mass cut-offs did not send a stop: its case says so, and why, as history only. */
    @Test
    void aStopTheCapWithheld_isInItsCaseWithTheReason_andIsNoNotice() throws Exception {
        IntakeSettings settings = freshTopic();
        Alert fire = fireRisk(5);
        CaseRecord c = await(f.service.applyAlert(fire));
        String why = "more than 3 automatic stops within a minute in " + TestPlaces.COMPOUND
                + "; held for a person to confirm (mass_cutoff_held)";
        String withheld = "{\"kind\":\"confirmation\",\"commandId\":\"cmd-" + fire.id() + "\",\"alertId\":\""
                + fire.id() + "\",\"deviceId\":\"" + TestPlaces.CHARGER + "\",\"port\":5,\"outcome\":\"withheld\","
                + "\"attempt\":1,\"at\":1796554812000,\"detail\":\"" + why + "\"}";
        try (CommandOutcomeIntake intake = new CommandOutcomeIntake(settings, outcomes, new SimpleMeterRegistry())) {
            intake.start();
            send(settings.topic(), withheld);
            await().atMost(PATIENCE).until(() -> commandEvents(c.id()).size() == 1);
        }
        assertThat(commandEvents(c.id()).get(0).note()).isEqualTo("断电（5 号端口）因自动断电数量上限被暂缓，需人工决定：" + why);
        assertThat(commandEvents(c.id()).get(0).data()).containsEntry("outcome", "withheld")
                .containsEntry("detail", why);
        assertThat(f.notices(c.id())).as("the compound's mass_cutoff_held case is the one that asks a person")
                .doesNotContain("command_outcome");
    }

    /**
     * A person's stop for a case reported by hand (no alert): the job's confirmations name the case, and the gateway's
     * report and the device's reply of its retry (a command of its own, naming neither) are found by the retry's id,
     * even when the report comes first: all filed there.
     */
    @Test
    void theOutcomesOfAPersonsStop_forACaseWithoutAlert_itsRetrysToo_areFiledInThatCase() throws Exception {
        IntakeSettings settings = freshTopic();
        CaseRecord c = await(f.service.report(ServiceFixture.WORKER, new NewCase(Origin.GRID_REPORT,
                "Charger port 4 smells of burning", null, "02-05", null, null, TestPlaces.COMPOUND, null, List.of())));
        String retry = "person-stop-" + c.id() + "-2";
        String retried = "{\"kind\":\"confirmation\",\"commandId\":\"" + retry + "\",\"deviceId\":\""
                + TestPlaces.CHARGER + "\",\"port\":4,\"outcome\":\"retried\",\"attempt\":2,\"powerW\":950.0,"
                + "\"at\":1796554812000,\"caseId\":" + c.id() + "}";
        String replied = "{\"deviceId\":\"" + TestPlaces.CHARGER + "\",\"type\":\"charger\",\"channel\":\"command/reply\","
                + "\"ts\":1796554814000,\"seq\":11,\"gateway\":\"gw-1\",\"payload\":{\"id\":\"" + retry + "\","
                + "\"ts\":1796554814000,\"result\":\"ok\",\"detail\":\"port 4 stopped\"}}";
        String confirmed = retried.replace("\"retried\"", "\"confirmed\"").replace("950.0", "1.5");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (CommandOutcomeIntake intake = new CommandOutcomeIntake(settings, outcomes, meters)) {
            intake.start();
            // The gateway may report the retry before the job's record of it reaches the topic (two writers).
            send(settings.topic(), delivery(retry, null, "delivered", null));
            await().atMost(PATIENCE).until(() -> records(meters, "waiting_for_command") == 1);
            send(settings.topic(), retried, replied, confirmed, confirmed);
            await().atMost(PATIENCE).until(() -> commandEvents(c.id()).size() == 4);
        }
        // Stored in Chinese; what each says is read here in English, from the same data.
        assertThat(commandEvents(c.id())).extracting(e -> CaseTexts.entryNote(CommandOutcomes.EVENT_KIND,
                Principal.SYSTEM, null, e.data(), Lang.EN)).containsExactlyInAnyOrder(
                "stop_port of port 4 not confirmed in time; retried (attempt 2) (still 950 W)",
                "stop_port of port 4 delivered to " + TestPlaces.CHARGER + " by gw-1",
                "the device answered ok to stop_port of port 4: port 4 stopped",
                "stop_port of port 4 confirmed by readings (1.5 W)");
        assertThat(commandEvents(c.id())).extracting(CaseEvent::note).contains("断电（4 号端口）已由读数确认（1.5 W）");
        assertThat(commandEvents(c.id())).allSatisfy(e -> assertThat(e.data()).containsEntry("commandId", retry)
                .doesNotContainKey("alertId"));
        assertThat(f.notices(c.id())).contains("command_outcome");
        assertThat(await(outcomes.waitingForCommand())).isZero();
        assertThat(await(outcomes.waiting())).isZero();
    }

    private static IntakeSettings freshTopic() {
        String topic = "it.command-results." + NEXT.incrementAndGet();
        TopicAdmin.ensure(KafkaConnection.plain(kafka.bootstrapServers()), "kafka.bootstrap", List.of(topic), 1, (short) 1);
        return IntakeSettings.defaults(kafka.bootstrapServers()).withTopic(topic).withGroupId("it-" + topic)
                .withRetryBackoff(Duration.ofMillis(200));
    }

    /** A red fire risk at {@code port} of {@link TestPlaces#CHARGER}, as the alerting job raises it. */
    private static Alert fireRisk(int port) {
        String source = Alert.portSourceId(TestPlaces.CHARGER, port);
        String key = Alert.dedupKey(AlertType.FIRE_RISK, source);
        long first = T0.toEpochMilli();
        return new Alert(Alert.idFor(key, first), key, AlertType.FIRE_RISK, Severity.RED, AlertStatus.RAISED, 1,
                SourceKind.PORT, source, TestPlaces.CHARGER, port, TestPlaces.at(TestPlaces.COMPOUND), first, first,
                first + 200, "Fire risk at " + source, "stop_port",
                List.of(Evidence.portReading(first, TestPlaces.CHARGER, port, "temperatureC", 66.0, "°C")));
    }

    /** The gateway's report (common DeliveryReport). */
    private static String delivery(String commandId, String alertId, String outcome, String detail) {
        return "{\"kind\":\"delivery\",\"commandId\":\"" + commandId + "\""
                + (alertId == null ? "" : ",\"alertId\":\"" + alertId + "\"")
                + ",\"action\":\"stop_port\",\"deviceId\":\"" + TestPlaces.CHARGER + "\",\"outcome\":\"" + outcome + "\""
                + (detail == null ? "" : ",\"detail\":\"" + detail + "\"") + ",\"gateway\":\"gw-1\",\"at\":1796554801000}";
    }

    /** The alerting job's verdict (stream-jobs StopOutcome). */
    private static String confirmation(String commandId, String alertId, int port, String outcome, int attempt,
                                       double powerW) {
        return "{\"kind\":\"confirmation\",\"commandId\":\"" + commandId + "\",\"alertId\":\"" + alertId
                + "\",\"deviceId\":\"" + TestPlaces.CHARGER + "\",\"port\":" + port + ",\"outcome\":\"" + outcome
                + "\",\"attempt\":" + attempt + ",\"powerW\":" + powerW + ",\"at\":1796554812000}";
    }

    private static void send(String topic, String... values) throws Exception {
        for (String v : values) {
            producer.send(new ProducerRecord<>(topic, TestPlaces.CHARGER, v)).get(10, TimeUnit.SECONDS);
        }
    }

    private static List<CaseEvent> commandEvents(long caseId) {
        return await(EventSql.history(f.pool, caseId)).stream()
                .filter(e -> CommandOutcomes.EVENT_KIND.equals(e.kind())).toList();
    }

    private static double records(SimpleMeterRegistry m, String result) {
        var c = m.find("anju.cases.command.records").tag("result", result).counter();
        return c == null ? 0 : c.count();
    }
}
