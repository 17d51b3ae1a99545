package io.anju.cases.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anju.cases.access.AccessPolicy;
import io.anju.cases.json.CasesJson;
import io.anju.cases.kpi.KpiReport;
import io.anju.cases.routing.CategoryTable;
import io.anju.cases.routing.GridRouter;
import io.anju.cases.service.CaseService;
import io.anju.cases.service.PgCaseService;
import io.anju.cases.store.Database;
import io.anju.cases.supervise.SupervisionSettings;
import io.anju.cases.testing.QuarantineReader;
import io.anju.cases.testing.RecordingOutbox;
import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.Severity;
import io.anju.common.json.Json;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.registry.Registry;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.TopicAdmin;
import io.anju.common.topic.Topics;
import io.anju.kafka.EmbeddedKafka;
import io.anju.registry.generate.GeneratorOptions;
import io.anju.registry.generate.RegistryGenerator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The intake between a real broker and the real case service on real PostgreSQL. Every test reads a topic of its
 * own as a group of its own, and uses chargers of its own, so the tests share one broker and one database.
 */
class AlertIntakeIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** For the bursts of hundreds of alerts: seconds on a quiet machine, minutes on a shared, saturated one. */
    private static final Duration BURST_PATIENCE = Duration.ofMinutes(3);
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final long T0 = System.currentTimeMillis() - 60_000;

    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;
    static Database db;
    static int dbPort;
    static Vertx vertx;
    static Pool pool;
    static CaseService cases;
    static List<Device> chargers;
    static KafkaProducer<byte[], byte[]> producer;
    static int nextCharger;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
        TopicAdmin.ensure(KafkaConnection.plain(kafka.bootstrapServers()), "kafka.bootstrap", List.of(Topics.QUARANTINE), 1, (short) 1);
        db = Database.embedded(dir.resolve("pg"), 0);
        dbPort = URI.create(db.jdbcUrl().substring("jdbc:".length())).getPort();
        db.migrate();
        vertx = Vertx.vertx();
        pool = db.pool(vertx, 4);
        Registry registry = new Registry(RegistryGenerator.generate(new GeneratorOptions(2020, true, 0)).document());
        chargers = registry.devicesOfType(DeviceType.CHARGER);
        cases = caseService(registry);
        producer = kafka.producer();
    }

    private static CaseService caseService(Registry registry) {
        CategoryTable categories = CategoryTable.defaults();
        return new PgCaseService(pool, new GridRouter(registry, categories, GridRouter.DEFAULT_DISTRICT_ID), categories,
                new AccessPolicy(categories), new RecordingOutbox(), new KpiReport(pool, categories), SupervisionSettings.defaults(),
                Clock.systemUTC());
    }

    @Test
    void alertsBecomeCasesAndRepeatedRecordsMakeNoSecondCaseAndNoSecondEvent() throws Exception {
        IntakeSettings settings = freshTopic(3);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Device a = charger();
        Device control = charger();
        try (AlertIntake intake = new AlertIntake(settings, cases, meters)) {
            intake.start();
            send(settings.topic(), alert(a, 1, Severity.YELLOW), alert(a, 2, Severity.ORANGE),
                    alert(control, 1, Severity.YELLOW), alert(control, 2, Severity.ORANGE));
            // Both revisions of a again (a producer retry, a replay), then a third one behind them in the partition.
            send(settings.topic(), alert(a, 1, Severity.YELLOW), alert(a, 2, Severity.ORANGE), alert(a, 3, Severity.RED),
                    alert(control, 3, Severity.RED));
            await().atMost(PATIENCE).until(() -> receiptsOf(alert(a, 3, Severity.RED)) == 3
                    && receiptsOf(alert(control, 3, Severity.RED)) == 3);

            Alert any = alert(a, 1, Severity.YELLOW);
            assertThat(casesOf(any)).isEqualTo(1);
            Alert same = alert(control, 1, Severity.YELLOW);
            assertThat(eventsOf(any)).as("the same history as the alert that was not repeated").isEqualTo(eventsOf(same));
            assertThat(noticesOf(any)).as("and the same notices").isEqualTo(noticesOf(same));
            assertThat(count("select count(*) from cases where dedup_key = ? and severity = 'red'", any.dedupKey()))
                    .as("the third revision was applied after the others").isEqualTo(1);
            await().atMost(PATIENCE).until(() -> counter(meters, "anju.cases.alerts.applied") == 8);
            assertThat(meters.find("anju.cases.alert.to.case").timer().count()).isEqualTo(8);
            assertThat(intake.healthy()).isTrue();
        }
    }

    @Test
    void anAlertOfAnAbortedTransactionMakesNoCase() throws Exception {
        IntakeSettings settings = freshTopic(1);
        Alert aborted = alert(charger(), 1, Severity.RED);
        Alert committed = alert(charger(), 1, Severity.RED);
        try (KafkaProducer<byte[], byte[]> tx = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-" + settings.topic(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
             AlertIntake intake = new AlertIntake(settings, cases, new SimpleMeterRegistry())) {
            tx.initTransactions();
            tx.beginTransaction();
            tx.send(new ProducerRecord<>(settings.topic(), aborted.dedupKey().getBytes(StandardCharsets.UTF_8),
                    Json.toBytes(aborted)));
            tx.flush();
            tx.abortTransaction();
            tx.beginTransaction();
            tx.send(new ProducerRecord<>(settings.topic(), committed.dedupKey().getBytes(StandardCharsets.UTF_8),
                    Json.toBytes(committed)));
            tx.commitTransaction();
            intake.start();

            await().atMost(PATIENCE).until(() -> receiptsOf(committed) == 1);
            assertThat(casesOf(aborted)).isZero();
        }
    }

    @Test
    void aMalformedRecordIsQuarantinedWithItsReasonAndTheNextAlertIsApplied() throws Exception {
        IntakeSettings settings = freshTopic(1);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Alert good = alert(charger(), 1, Severity.ORANGE);
        JsonNode withoutKey = ((ObjectNode) CasesJson.mapper().valueToTree(good))
                .without("dedupKey");
        try (AlertIntake intake = new AlertIntake(settings, cases, meters)) {
            intake.start();
            sendRaw(settings.topic(), "k", "{\"id\": ".getBytes(StandardCharsets.UTF_8));
            sendRaw(settings.topic(), null, Json.toBytes(withoutKey));
            send(settings.topic(), good);

            await().atMost(PATIENCE).until(() -> receiptsOf(good) == 1);
        }

        List<ConsumerRecord<byte[], byte[]>> quarantined = quarantinedFrom(settings.topic(), 2);
        assertThat(quarantined).extracting(r -> json(r).path("offset").asLong()).containsExactly(0L, 1L);
        assertThat(quarantined).extracting(r -> json(r).path("code").asText())
                .containsExactly("malformed_json", "missing_field");
        assertThat(json(quarantined.get(1)).path("reason").asText()).isEqualTo("alert without dedupKey");
        assertThat(new String(quarantined.get(1).headers().lastHeader("reason").value(), StandardCharsets.UTF_8))
                .isEqualTo("alert without dedupKey");
        assertThat(json(quarantined.get(0)).path("payloadText").asText()).isEqualTo("{\"id\": ");
        assertThat(counter(meters, "anju.cases.alerts.quarantined")).isEqualTo(2);
        assertThat(committedOffset(settings)).as("committed past both").isEqualTo(3);
    }

    @Test
    void anAlertTheStoreCannotTakeIsQuarantinedAndTheOtherKeysOfItsBatchBecomeCases() throws Exception {
        IntakeSettings settings = freshTopic(1);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<Alert> good = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            good.add(alert(charger(), 1, Severity.YELLOW));
        }
        // PostgreSQL takes no NUL character in text: the batch's transaction fails on it, whichever share it is in.
        Alert a = alert(charger(), 1, Severity.RED);
        Alert poison = new Alert(a.id(), a.dedupKey(), a.type(), a.severity(), a.status(), a.revision(),
                a.sourceKind(), a.sourceId(), a.deviceId(), a.port(), a.location(), a.firstEventTs(), a.lastEventTs(),
                a.emittedAt(), "port 3 \u0000 above 1,000 W", a.recommendedAction(), a.evidence());
        List<Alert> batch = new ArrayList<>(good.subList(0, 10));
        batch.add(poison);
        batch.addAll(good.subList(10, 20));
        sendAll(settings.topic(), batch);
        try (AlertIntake intake = new AlertIntake(settings, cases, meters)) {
            intake.start();
            await().atMost(PATIENCE).until(() -> allApplied(good) && committedOffset(settings) == batch.size());
        }

        assertThat(receiptsOf(poison)).isZero();
        List<ConsumerRecord<byte[], byte[]>> quarantined = quarantinedFrom(settings.topic(), 1);
        assertThat(quarantined).extracting(r -> json(r).path("offset").asLong()).containsExactly(10L);
        assertThat(quarantined).extracting(r -> json(r).path("code").asText()).containsExactly("rejected");
        assertThat(json(quarantined.get(0)).path("reason").asText()).contains(poison.id());
        assertThat(counter(meters, "anju.cases.intake.transactions.redone")).as("its share redone record by record")
                .isGreaterThanOrEqualTo(1);
        assertThat(counter(meters, "anju.cases.intake.retries")).as("nothing held").isZero();
    }

    /**
     * A record the store answers with an error nobody foresaw (here a dedup key too long for its index: SQLSTATE 54000,
     * not a data exception the service refuses outright) is tried {@code intake.maxAttempts} times and then
     * quarantined, so the alerts behind it are not held for ever.
     */
    @Test
    void aRecordTheStoreKeepsRefusingIsQuarantinedAfterItsAttemptsAndTheNextAlertIsApplied() throws Exception {
        IntakeSettings settings = freshTopic(1).withRetryBackoff(Duration.ofMillis(50)).withMaxAttempts(3);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Alert a = alert(charger(), 1, Severity.RED);
        StringBuilder noise = new StringBuilder();
        Random random = new Random(7);
        while (noise.length() < 12_000) {
            noise.append(Long.toHexString(random.nextLong()));
        }
        Alert poison = new Alert(a.id(), a.dedupKey() + ":" + noise, a.type(), a.severity(), a.status(), a.revision(),
                a.sourceKind(), a.sourceId(), a.deviceId(), a.port(), a.location(), a.firstEventTs(), a.lastEventTs(),
                a.emittedAt(), a.summary(), a.recommendedAction(), a.evidence());
        Alert next = alert(charger(), 1, Severity.YELLOW);
        send(settings.topic(), poison, next);
        try (AlertIntake intake = new AlertIntake(settings, cases, meters)) {
            intake.start();
            // Nothing is committed while the record at offset 0 is held.
            await().atMost(PATIENCE).ignoreExceptions()
                    .until(() -> allApplied(List.of(next)) && committedOffset(settings) == 2);
            assertThat(intake.healthy()).as("applying again").isTrue();
        }

        List<ConsumerRecord<byte[], byte[]>> quarantined = quarantinedFrom(settings.topic(), 1);
        assertThat(quarantined).extracting(r -> json(r).path("offset").asLong()).containsExactly(0L);
        assertThat(quarantined).extracting(r -> json(r).path("code").asText()).containsExactly("unapplicable");
        assertThat(json(quarantined.get(0)).path("reason").asText()).contains(poison.id()).contains("3 times");
        assertThat(counter(meters, "anju.cases.intake.retries")).as("held between its attempts")
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void aRestartedIntakeContinuesFromItsCommittedOffsetsWithoutLossOrRepeats() throws Exception {
        IntakeSettings settings = freshTopic(3);
        List<Alert> before = new ArrayList<>();
        List<Alert> whileStopped = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            before.add(alert(charger(), 1, Severity.YELLOW));
        }
        for (int i = 0; i < 4; i++) {
            whileStopped.add(alert(charger(), 1, Severity.YELLOW));
        }
        try (AlertIntake first = new AlertIntake(settings, cases, new SimpleMeterRegistry())) {
            first.start();
            send(settings.topic(), before.toArray(Alert[]::new));
            await().atMost(PATIENCE).until(() -> allApplied(before));
        }
        send(settings.topic(), whileStopped.toArray(Alert[]::new));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (AlertIntake second = new AlertIntake(settings, cases, meters)) {
            second.start();
            await().atMost(PATIENCE).until(() -> allApplied(whileStopped) && second.lag() == 0);

            assertThat(counter(meters, "anju.cases.alerts.applied")).as("only what the first had not committed")
                    .isEqualTo(4);
        }
        for (Alert a : before) {
            assertThat(casesOf(a)).isEqualTo(1);
        }
    }

    @Test
    void whileTheDatabaseIsDownNothingIsSkippedAndTheCasesAppearWhenItIsBack() throws Exception {
        IntakeSettings settings = freshTopic(1);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Alert first = alert(charger(), 1, Severity.YELLOW);
        List<Alert> duringOutage = List.of(alert(charger(), 1, Severity.RED), alert(charger(), 1, Severity.ORANGE),
                alert(charger(), 1, Severity.YELLOW));
        try (AlertIntake intake = new AlertIntake(settings, cases, meters)) {
            intake.start();
            send(settings.topic(), first);
            await().atMost(PATIENCE).until(() -> receiptsOf(first) == 1);

            db.close();
            try {
                send(settings.topic(), duringOutage.toArray(Alert[]::new));
                await().atMost(PATIENCE).until(() -> counter(meters, "anju.cases.intake.retries") >= 3);
                assertThat(intake.healthy()).isFalse();
            } finally {
                db = Database.embedded(dir.resolve("pg"), dbPort);
            }

            await().atMost(PATIENCE).until(() -> allApplied(duringOutage) && intake.healthy());
            assertThat(counter(meters, "anju.cases.alerts.applied")).isEqualTo(4);
        }
        for (Alert a : duringOutage) {
            assertThat(casesOf(a)).isEqualTo(1);
        }
    }

    @Test
    void aBurstOverManyKeysWithInterleavedRevisionsEndsInEachKeysLastRevision() throws Exception {
        IntakeSettings settings = freshTopic(3);
        // Per key: an episode raised, then cleared, then a new episode raised. Applied out of order, the clear would
        // land on the second episode and leave the case waiting for a check instead of collected.
        List<Alert> raised = new ArrayList<>();
        List<Alert> cleared = new ArrayList<>();
        List<Alert> again = new ArrayList<>();
        for (Device d : chargers(10)) {
            for (int port = 1; port <= 12; port++) {
                long now = System.currentTimeMillis();
                raised.add(TestAlerts.portOverload(d.id(), port, d.location(), T0, 1, AlertStatus.RAISED,
                        Severity.YELLOW, now));
                cleared.add(TestAlerts.portOverload(d.id(), port, d.location(), T0, 2, AlertStatus.CLEARED,
                        Severity.YELLOW, now));
                again.add(TestAlerts.portOverload(d.id(), port, d.location(), T0 + 30_000, 1, AlertStatus.RAISED,
                        Severity.ORANGE, now));
            }
        }
        List<Alert> burst = new ArrayList<>(raised);
        burst.addAll(cleared);
        burst.addAll(again);
        sendAll(settings.topic(), burst);
        try (AlertIntake intake = new AlertIntake(settings, cases, new SimpleMeterRegistry())) {
            intake.start();
            await().atMost(BURST_PATIENCE).until(() -> receiptsAmong(burst), equalTo((long) burst.size()));
        }

        for (Alert last : again) {
            assertThat(query("select state || ' ' || severity || ' ' || alert_id from cases where dedup_key = ?",
                    last.dedupKey())).as(last.dedupKey()).containsExactly("collected orange " + last.id());
            assertThat(query("select e.kind from case_events e join cases c on c.id = e.case_id where c.dedup_key = ? "
                    + "order by e.seq", last.dedupKey())).as(last.dedupKey())
                    .as("the rise to orange of a case nobody acknowledged also brings its acknowledge deadline forward")
                    .containsExactly("created", "alert_cleared", "alert_update", "alert_reraised", "deadline_set");
        }
    }

    @Test
    void anIntakeStoppedMidBatchCommitsNoOffsetPastAnUnappliedRecordAndItsSuccessorAppliesNothingTwice()
            throws Exception {
        IntakeSettings settings = freshTopic(3);
        List<Alert> burst = new ArrayList<>();
        List<Device> devices = chargers(20);
        for (Severity severity : List.of(Severity.YELLOW, Severity.ORANGE, Severity.RED)) {
            int revision = severity.ordinal();
            for (Device d : devices) {
                for (int port = 1; port <= 12; port++) {
                    burst.add(TestAlerts.portOverload(d.id(), port, d.location(), T0, revision,
                            revision == 1 ? AlertStatus.RAISED : AlertStatus.UPDATED, severity,
                            System.currentTimeMillis()));
                }
            }
        }
        Map<Alert, TopicPartition> partitionOf = new java.util.IdentityHashMap<>();
        Map<Alert, Long> offsetOf = new java.util.IdentityHashMap<>();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Alert a : burst) {
            sent.add(producer.send(new ProducerRecord<>(settings.topic(), a.dedupKey().getBytes(StandardCharsets.UTF_8),
                    Json.toBytes(a))));
        }
        for (int i = 0; i < burst.size(); i++) {
            RecordMetadata m = sent.get(i).get(10, TimeUnit.SECONDS);
            partitionOf.put(burst.get(i), new TopicPartition(m.topic(), m.partition()));
            offsetOf.put(burst.get(i), m.offset());
        }

        try (AlertIntake first = new AlertIntake(settings, cases, new SimpleMeterRegistry())) {
            first.start();
            await().atMost(BURST_PATIENCE).pollInterval(Duration.ofMillis(5)).until(() -> receiptsAmong(burst) >= 50);
        }
        long appliedByFirst = receiptsAmong(burst);
        assertThat(appliedByFirst).as("stopped mid-batch").isLessThan(burst.size());
        Map<TopicPartition, Long> committed = committedOffsets(settings, 3);
        Set<String> applied = appliedRevisions(burst);
        long behind = 0;
        for (Alert a : burst) {
            TopicPartition tp = partitionOf.get(a);
            if (offsetOf.get(a) < committed.get(tp)) {
                assertThat(applied).as("committed past " + tp + "@" + offsetOf.get(a))
                        .contains(a.id() + "/" + a.revision());
            } else {
                behind++;
            }
        }

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (AlertIntake second = new AlertIntake(settings, cases, meters)) {
            second.start();
            await().atMost(BURST_PATIENCE).until(() -> receiptsAmong(burst) == burst.size() && second.lag() == 0);
            assertThat(counter(meters, "anju.cases.alerts.applied")).as("read again: exactly the uncommitted tail")
                    .isEqualTo(behind);
        }
        for (Alert a : burst.subList(burst.size() - burst.size() / 3, burst.size())) {
            // created, then per rise (orange, red) its update and the acknowledge deadline brought forward
            assertThat(query("select severity || ' ' || (select count(*) from case_events e where e.case_id = c.id) "
                    + "from cases c where dedup_key = ?", a.dedupKey())).as(a.dedupKey())
                    .containsExactly("red 5");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        producer.close();
        pool.close().await();
        vertx.close().await();
        db.close();
        kafka.close();
    }

    /** A topic of its own (partitions as given) and settings that read it as a group of its own. */
    private static IntakeSettings freshTopic(int partitions) {
        String topic = "it.alerts." + NEXT.incrementAndGet();
        TopicAdmin.ensure(KafkaConnection.plain(kafka.bootstrapServers()), "kafka.bootstrap", List.of(topic), partitions, (short) 1);
        return IntakeSettings.defaults(kafka.bootstrapServers()).withTopic(topic).withGroupId("it-" + topic)
                .withRetryBackoff(Duration.ofMillis(200));
    }

    private static synchronized Device charger() {
        return chargers.get(nextCharger++);
    }

    /** Revision {@code revision} of the alert episode of {@code d} that began at {@code T0}. */
    private static Alert alert(Device d, int revision, Severity severity) {
        return TestAlerts.portOverload(d.id(), d.location(), T0, revision,
                revision == 1 ? AlertStatus.RAISED : AlertStatus.UPDATED, severity, System.currentTimeMillis());
    }

    private static void send(String topic, Alert... alerts) throws Exception {
        for (Alert a : alerts) {
            producer.send(new ProducerRecord<>(topic, a.dedupKey().getBytes(StandardCharsets.UTF_8), Json.toBytes(a)))
                    .get(10, TimeUnit.SECONDS);
        }
    }

    private static void sendRaw(String topic, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value))
                .get(10, TimeUnit.SECONDS);
    }

    private static synchronized List<Device> chargers(int n) {
        List<Device> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(charger());
        }
        return out;
    }

    private static void sendAll(String topic, List<Alert> alerts) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Alert a : alerts) {
            sent.add(producer.send(new ProducerRecord<>(topic, a.dedupKey().getBytes(StandardCharsets.UTF_8),
                    Json.toBytes(a))));
        }
        for (Future<RecordMetadata> f : sent) {
            f.get(10, TimeUnit.SECONDS);
        }
    }

    private static List<String> query(String sql, Object... params) throws Exception {
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

    /** Receipts of the alerts' ids, every revision: all of them applied once when it equals their number. */
    private static long receiptsAmong(List<Alert> alerts) throws Exception {
        try (Connection c = db.jdbc(); PreparedStatement s = c.prepareStatement(
                "select count(*) from alert_receipts where alert_id = any(?)")) {
            s.setArray(1, c.createArrayOf("text", alerts.stream().map(Alert::id).distinct().toArray()));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** The (alert id / revision) receipts among the alerts' ids. */
    private static Set<String> appliedRevisions(List<Alert> alerts) throws Exception {
        try (Connection c = db.jdbc(); PreparedStatement s = c.prepareStatement(
                "select alert_id || '/' || revision from alert_receipts where alert_id = any(?)")) {
            s.setArray(1, c.createArrayOf("text", alerts.stream().map(Alert::id).distinct().toArray()));
            Set<String> out = new java.util.HashSet<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        }
    }

    private static Map<TopicPartition, Long> committedOffsets(IntakeSettings settings, int partitions) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, settings.groupId(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            Set<TopicPartition> all = new java.util.HashSet<>();
            for (int p = 0; p < partitions; p++) {
                all.add(new TopicPartition(settings.topic(), p));
            }
            Map<TopicPartition, Long> out = new HashMap<>();
            c.committed(all, Duration.ofSeconds(10)).forEach((tp, o) -> out.put(tp, o == null ? 0L : o.offset()));
            all.forEach(tp -> out.putIfAbsent(tp, 0L));
            return out;
        }
    }

    private static long count(String sql, Object... params) throws Exception {
        try (Connection c = db.jdbc(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static long casesOf(Alert a) throws Exception {
        return count("select count(*) from cases where dedup_key = ?", a.dedupKey());
    }

    private static long eventsOf(Alert a) throws Exception {
        return count("select count(*) from case_events e join cases c on c.id = e.case_id where c.dedup_key = ?",
                a.dedupKey());
    }

    private static long noticesOf(Alert a) throws Exception {
        return count("select count(*) from outbox o join cases c on c.id = o.case_id where c.dedup_key = ?",
                a.dedupKey());
    }

    private static long receiptsOf(Alert a) throws Exception {
        return count("select count(*) from alert_receipts where alert_id = ?", a.id());
    }

    private static boolean allApplied(List<Alert> alerts) throws Exception {
        for (Alert a : alerts) {
            if (receiptsOf(a) != 1) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode json(ConsumerRecord<byte[], byte[]> r) {
        return QuarantineReader.json(r);
    }

    private static List<ConsumerRecord<byte[], byte[]>> quarantinedFrom(String topic, int expected) {
        return QuarantineReader.from(kafka.bootstrapServers(), topic, expected, PATIENCE);
    }

    private static long committedOffset(IntakeSettings settings) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, settings.groupId(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            TopicPartition tp = new TopicPartition(settings.topic(), 0);
            return c.committed(Set.of(tp), Duration.ofSeconds(10)).get(tp).offset();
        }
    }

    private static double counter(SimpleMeterRegistry m, String name) {
        return m.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
