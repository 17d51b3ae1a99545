package io.anju.jobs.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.json.Json;
import io.anju.common.model.Channel;
import io.anju.common.model.ChargerSpec;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.Envelope;
import io.anju.common.registry.RegistryDocument;
import io.anju.common.registry.RegistryWriter;
import io.anju.common.registry.live.PublishedRegistry;
import io.anju.common.registry.live.RegistryPublisher;
import io.anju.common.registry.live.RegistryTopic;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.Topics;
import io.anju.jobs.config.JobsSettings;
import io.anju.jobs.run.JobsRunner;
import io.anju.kafka.EmbeddedKafka;
import io.anju.registry.generate.GeneratedRegistry;
import io.anju.registry.generate.GeneratorOptions;
import io.anju.registry.generate.RegistryGenerator;
import io.anju.testsupport.InfluxServer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alerting job on a real embedded broker, fed envelopes as the gateway writes them: the automatic stop of a
 * port on a red fire risk, the cap on mass cut-offs, offline detection when the whole stream has gone quiet (and none
 * for a device a published registry revision disabled), and a registry edit reaching the running job; and the history job beside it, writing to a real InfluxDB or failing without one.
 */
class AlertsJobIT {
    private static final long T0 = 1_795_900_000_000L;

    @TempDir
    Path dir;
    private EmbeddedKafka kafka;
    private KafkaProducer<String, byte[]> producer;
    private Path registryFile;
    private GeneratedRegistry generated;
    private final AtomicLong seq = new AtomicLong();

    @BeforeEach
    void start() {
        kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        generated = RegistryGenerator.generate(new GeneratorOptions(2020, true, 0));
        registryFile = dir.resolve("registry.json");
        RegistryWriter.write(registryFile, generated.document());
    }

    @AfterEach
    void stop() {
        producer.close();
        kafka.stop();
    }

    private JobsSettings settings() {
        return settings(Map.of());
    }

    /** The jobs on this broker with 0.5 s checkpoints and {@code more} of the jobs' settings. */
    private JobsSettings settings(Map<String, String> more) {
        Map<String, String> all = new HashMap<>(more);
        all.putIfAbsent("checkpoint.interval", "500ms");
        return JobsSettings.defaults(registryFile, dir.resolve("jobs"), all).withBootstrap(kafka.bootstrapServers());
    }

    private Device charger() {
        return generated.document().devices().stream().filter(d -> d.type() == DeviceType.CHARGER).findFirst()
                .orElseThrow();
    }

    @Test
    void aRedFireRisk_stopsTheSuspectPort_withOneCommandNamingTheAlert() throws Exception {
        redFireRiskStopsTheSuspectPort(T0);
    }

    /**
     * The demo's district clock runs at its evening, up to a day ahead of the real one: the job's alerts and commands
     * must still be taken by a broker that refuses records stamped more than an hour ahead of its own clock (Kafka
     * 4's default {@code log.message.timestamp.after.max.ms}).
     */
    @Test
    void aDistrictClockADayAheadOfTheBroker_stillGetsItsAlertsAndCommandsWritten() throws Exception {
        redFireRiskStopsTheSuspectPort(System.currentTimeMillis() + Duration.ofDays(1).toMillis());
    }

    private void redFireRiskStopsTheSuspectPort(long t0) throws Exception {
        Device station = charger();
        Device counter = generated.document().devices().stream().filter(d -> d.type() == DeviceType.CROWD)
                .findFirst().orElseThrow();
        try (JobsRunner jobs = new JobsRunner(settings(), 0).start();
             Tail alerts = new Tail(kafka.bootstrapServers(), Topics.ALERTS);
             Tail commands = new Tail(kafka.bootstrapServers(), Topics.COMMANDS);
             Tail zones = new Tail(kafka.bootstrapServers(), Topics.ZONES)) {
            send(counter, Channel.TELEMETRY, t0, Json.mapper().createObjectNode().put("ts", t0).put("count", 40)
                    .put("inCount", 3).put("outCount", 3).put("intervalS", 10));
            for (int i = 0; i < 6; i++) {
                send(station, Channel.TELEMETRY, t0 + i * 30_000L, chargerTelemetry(t0 + i * 30_000L, i >= 3, 70.0));
            }
            await("the zone's figures").atMost(Duration.ofSeconds(60))
                    .until(() -> !zones.values().isEmpty());
            await().atMost(Duration.ofSeconds(60)).until(() -> alerts.values().stream()
                    .map(v -> Json.fromBytes(v, Alert.class))
                    .anyMatch(a -> a.type() == AlertType.FIRE_RISK && a.severity() == Severity.RED));
            Alert red = alerts.values().stream().map(v -> Json.fromBytes(v, Alert.class))
                    .filter(a -> a.type() == AlertType.FIRE_RISK && a.severity() == Severity.RED).findFirst()
                    .orElseThrow();
            await().atMost(Duration.ofSeconds(30)).until(() -> !commands.values().isEmpty());
            Thread.sleep(2_000);
            assertThat(commands.values()).hasSize(1);
            JsonNode command = Json.tree(commands.values().get(0));
            assertThat(command.path("action").asText()).isEqualTo("stop_port");
            assertThat(command.path("port").asInt()).isEqualTo(red.port());
            assertThat(command.path("reason").asText()).isEqualTo("alert " + red.id());
            assertThat(commands.keys()).containsExactly(station.id());
        }
    }

    /**
     * Five ports of one compound turn red at once (port overloads, which that compound lets stop a port): three stops
     * go out, the other two are held under one {@code mass_cutoff_held} alert naming them and the alerts that asked
     * for them. Nobody obeys in this test, so the sent stops are retried and end in {@code stop_unconfirmed}; the held
     * ones never. Another compound's stop at the same moment goes out: each compound has its own cap.
     */
    @Test
    void moreStopsInACompoundThanItsCap_areHeldUnderOneAlert_andNeitherRetriedNorReportedUnconfirmed()
            throws Exception {
        Map<String, List<Device>> byCompound = generated.document().devices().stream()
                .filter(d -> d.type() == DeviceType.CHARGER && d.location().compoundId() != null)
                .collect(Collectors.groupingBy(d -> d.location().compoundId()));
        List<Device> two = byCompound.values().stream().filter(l -> l.size() >= 2).findFirst().orElseThrow();
        String compound = two.get(0).location().compoundId();
        Device other = byCompound.entrySet().stream().filter(e -> !e.getKey().equals(compound)).findFirst()
                .orElseThrow().getValue().get(0);
        String overloadsStop = "=fire_risk,port_overload";
        JobsSettings s = settings(Map.of("time.quietAfter", "1s", "autoStop.compounds",
                compound + overloadsStop + ";" + other.location().compoundId() + overloadsStop));
        try (JobsRunner jobs = new JobsRunner(s, 0).start();
             Tail alertsTail = new Tail(kafka.bootstrapServers(), Topics.ALERTS);
             Tail commandsTail = new Tail(kafka.bootstrapServers(), Topics.COMMANDS);
             Tail resultsTail = new Tail(kafka.bootstrapServers(), Topics.COMMAND_RESULTS)) {
            // 1,250 W is 1.25 × the 1,000 W port limit: red at the first reading. Four minutes of readings carry
            // event time past the sent stops' three attempts (60 s each).
            for (long t = T0; t <= T0 + 240_000; t += 30_000) {
                send(two.get(0), Channel.TELEMETRY, t, overloaded(t, 1, 2, 3));
                send(two.get(1), Channel.TELEMETRY, t, overloaded(t, 1, 2));
                send(other, Channel.TELEMETRY, t, overloaded(t, 1));
            }
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> alerts(alertsTail).stream().filter(a -> a.type() == AlertType.STOP_UNCONFIRMED)
                            .count() >= 4);
            await().atMost(Duration.ofSeconds(30)).until(() -> commandsTail.values().size() >= 12
                    && resultsTail.values().size() >= 2);
            Thread.sleep(2_000);
            List<Alert> alerts = alerts(alertsTail);

            Set<String> asked = alerts.stream().filter(a -> a.type() == AlertType.PORT_OVERLOAD
                    && a.severity() == Severity.RED && compound.equals(a.location().compoundId()))
                    .map(Alert::id).collect(Collectors.toSet());
            assertThat(asked).as("five red port overloads in the compound").hasSize(5);
            List<JsonNode> commands = records(commandsTail);
            Set<String> sent = commands.stream().map(c -> c.path("alertId").asText()).filter(asked::contains)
                    .collect(Collectors.toSet());
            assertThat(sent).as("the cap's three").hasSize(3);
            Set<String> held = new HashSet<>(asked);
            held.removeAll(sent);
            assertThat(commands).as("three attempts of each stop sent, the other compound's too, nothing else")
                    .hasSize(12)
                    .noneMatch(c -> held.contains(c.path("alertId").asText()));

            List<Alert> cap = alerts.stream().filter(a -> a.type() == AlertType.MASS_CUTOFF_HELD).toList();
            assertThat(cap).as("one alert for the compound, raised then updated")
                    .extracting(Alert::sourceId, Alert::status, Alert::revision)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(compound, AlertStatus.RAISED, 1),
                            org.assertj.core.groups.Tuple.tuple(compound, AlertStatus.UPDATED, 2));
            assertThat(cap).allSatisfy(a -> {
                assertThat(a.severity()).isEqualTo(Severity.RED);
                assertThat(a.recommendedAction()).isEqualTo("confirm_stops");
            });
            assertThat(cap.stream().flatMap(a -> a.evidence().stream()).map(e -> e.alertId()))
                    .as("the alerts that asked for the held stops").containsExactlyInAnyOrderElementsOf(held);
            Alert latest = cap.get(1);
            assertThat(latest.summary()).startsWith("2 automatic stops held in " + compound);
            alerts.stream().filter(a -> held.contains(a.id())).forEach(a -> assertThat(latest.summary())
                    .contains(a.deviceId() + " port " + a.port() + " (port_overload)"));

            List<Alert> unconfirmed = alerts.stream().filter(a -> a.type() == AlertType.STOP_UNCONFIRMED).toList();
            Set<String> heldPorts = alerts.stream().filter(a -> held.contains(a.id())).map(Alert::sourceId)
                    .collect(Collectors.toSet());
            assertThat(unconfirmed).as("the four sent stops, none held").hasSize(4)
                    .noneMatch(a -> heldPorts.contains(a.sourceId()));
            List<JsonNode> results = records(resultsTail);
            List<JsonNode> withheld = results.stream()
                    .filter(r -> "withheld".equals(r.path("outcome").asText())).toList();
            assertThat(withheld).extracting(r -> r.path("alertId").asText())
                    .containsExactlyInAnyOrderElementsOf(held);
            assertThat(results)
                    .as("nothing but the withheld record about a held stop")
                    .filteredOn(r -> held.contains(r.path("alertId").asText())).hasSize(2);
        }
    }

    private static List<JsonNode> records(Tail tail) throws java.io.IOException {
        List<JsonNode> records = new ArrayList<>();
        for (byte[] v : tail.values()) {
            records.add(Json.tree(v));
        }
        return records;
    }

    private static List<Alert> alerts(Tail tail) {
        return tail.values().stream().map(v -> Json.fromBytes(v, Alert.class)).toList();
    }

    /** The given ports draw 1,250 W each at 35 °C. */
    private static JsonNode overloaded(long ts, int... ports) {
        ObjectNode p = Json.mapper().createObjectNode();
        p.put("ts", ts).put("seq", 1).put("mainsV", 228.0).put("ambientC", 22.0).put("smoke", false)
                .put("leakageMa", 2.0);
        var array = p.putArray("ports");
        for (int no : ports) {
            array.addObject().put("no", no).put("state", "charging").put("voltageV", 48.0).put("currentA", 26.0)
                    .put("powerW", 1_250.0).put("energyWh", 100).put("tempC", 35.0);
        }
        return p;
    }

    @Test
    void withInfluxDbDown_theHistoryJobFails_butAlertsStillFlow() throws Exception {
        Device station = charger();
        // Nothing listens on this port: every write of the history job fails, its job restarts again and again.
        JobsSettings s = settings(Map.of("influx.url", "http://127.0.0.1:" + closedPort()));
        try (JobsRunner jobs = new JobsRunner(s, 0).start();
             Tail alerts = new Tail(kafka.bootstrapServers(), Topics.ALERTS)) {
            assertThat(jobs.status()).containsKeys(AlertsJob.NAME, HistoryJob.NAME);
            for (int i = 0; i < 6; i++) {
                send(station, Channel.TELEMETRY, T0 + i * 30_000L, chargerTelemetry(T0 + i * 30_000L, i >= 3, 70.0));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> alerts.values().stream()
                    .map(v -> Json.fromBytes(v, Alert.class))
                    .anyMatch(a -> a.type() == AlertType.FIRE_RISK && a.severity() == Severity.RED));
            assertThat(jobs.status().get(AlertsJob.NAME)).isEqualTo("RUNNING");
        }
    }

    /** The history job on the same broker: the station's readings, the alert and the readings it cites in InfluxDB. */
    @Test
    void theHistoryJob_writesTheReadingsTheAlertAndItsEvidence() throws Exception {
        Device station = charger();
        try (InfluxServer influx = new InfluxServer().start();
             JobsRunner jobs = new JobsRunner(settings(Map.of("influx.url", influx.url(),
                     "influx.credentialsFile", influx.credentialsFile().toString(), "time.quietAfter", "1s")), 0)
                     .start();
             InfluxDB db = InfluxDBFactory.connect(influx.url(), influx.username(), influx.password())) {
            for (int i = 0; i < 6; i++) {
                send(station, Channel.TELEMETRY, T0 + i * 30_000L, chargerTelemetry(T0 + i * 30_000L, i >= 3, 70.0));
            }
            // A later reading moves event time past the minutes before it (its own minute stays open).
            long later = T0 + 300_000L;
            send(station, Channel.TELEMETRY, later, chargerTelemetry(later, true, 70.0));
            String where = " WHERE \"device\" = '" + station.id() + "'";
            String passed = " AND time < " + (later - Math.floorMod(later, 60_000L)) + "ms";
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                assertThat(single(db, "SELECT count(\"total_power_w\") FROM \"charger_station\"" + where))
                        .as("every telemetry").isEqualTo(7);
                assertThat(single(db, "SELECT last(\"station_limit_w\") FROM \"charger_station\"" + where))
                        .as("the registry's limit").isEqualTo(station.charger().stationLimitW());
                assertThat(single(db, "SELECT sum(\"readings\") FROM \"charger_port_minute\"" + where + passed))
                        .as("every port reading of the minutes event time has passed").isEqualTo(6);
                assertThat(single(db, "SELECT count(\"power_w\") FROM \"charger_port\"" + where))
                        .as("the port's first reading; it never changes state").isEqualTo(1);
                assertThat(single(db, "SELECT count(\"revision\") FROM \"alert\" WHERE \"type\" = 'fire_risk'"))
                        .isPositive();
                assertThat(single(db, "SELECT count(\"alert_id\") FROM \"alert_evidence\"" + where
                        + " AND \"type\" = 'fire_risk'")).as("the readings the fire risk cites").isPositive();
            });
            assertThat(jobs.status().get(HistoryJob.NAME)).isEqualTo("RUNNING");
        }
    }

    /** The one value of an InfluxQL aggregate over all series; 0 when nothing matched. */
    private static long single(InfluxDB db, String influxQl) {
        QueryResult.Result r = db.query(new Query(influxQl, "anju")).getResults().get(0);
        assertThat(r.getError()).isNull();
        long total = 0;
        if (r.getSeries() != null) {
            for (QueryResult.Series series : r.getSeries()) {
                total += ((Number) series.getValues().get(0).get(1)).longValue();
            }
        }
        return total;
    }

    private static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aSilentDevice_isReportedOffline_evenWhenTheWholeStreamHasGoneQuiet() throws Exception {
        Device station = charger();
        JobsSettings s = settings(Map.of("time.quietAfter", "1s", "detect.offline.heartbeat.charger", "2s"));
        long now = System.currentTimeMillis();
        try (JobsRunner jobs = new JobsRunner(s, 0).start();
             Tail alerts = new Tail(kafka.bootstrapServers(), Topics.ALERTS)) {
            for (int i = 0; i < 3; i++) {
                send(station, Channel.STATUS, now + i * 1_000L, status(now + i * 1_000L));
            }
            // Nothing else is sent: only the wall clock can move event time past last-seen + 3 × 2 s.
            await().atMost(Duration.ofSeconds(60)).until(() -> alerts.values().stream()
                    .map(v -> Json.fromBytes(v, Alert.class))
                    .anyMatch(a -> a.type() == AlertType.DEVICE_OFFLINE && a.status() == AlertStatus.RAISED
                            && station.id().equals(a.deviceId())));
        }
    }

    @Test
    void aDeviceDisabledByAPublishedRevision_whileTheJobRuns_isNotReportedOffline() throws Exception {
        List<Device> chargers = generated.document().devices().stream().filter(d -> d.type() == DeviceType.CHARGER)
                .limit(2).toList();
        Device staying = chargers.get(0);
        Device retired = chargers.get(1);
        JobsSettings s = settings(Map.of("time.quietAfter", "1s", "detect.offline.heartbeat.charger", "2s"));
        KafkaConnection broker = KafkaConnection.plain(kafka.bootstrapServers());
        RegistryTopic.ensure(broker, "test", (short) 1);
        try (JobsRunner jobs = new JobsRunner(s, 0).start();
             Tail alerts = new Tail(kafka.bootstrapServers(), Topics.ALERTS);
             RegistryPublisher publisher = new RegistryPublisher(broker, "alerts-job-it")) {
            RegistryDocument doc = generated.document();
            List<Device> devices = doc.devices().stream()
                    .map(d -> d.id().equals(retired.id()) ? d.withEnabled(false) : d).toList();
            publisher.publish(new PublishedRegistry(1, System.currentTimeMillis(), "test", "disable " + retired.id(),
                    new RegistryDocument(doc.version(), doc.seed(), doc.note(), doc.subDistricts(), doc.communities(),
                            doc.grids(), doc.compounds(), doc.zones(), devices)));
            Thread.sleep(2_000);
            long now = System.currentTimeMillis();
            for (int i = 0; i < 3; i++) {
                send(staying, Channel.STATUS, now + i * 1_000L, status(now + i * 1_000L));
                send(retired, Channel.STATUS, now + i * 1_000L, status(now + i * 1_000L));
            }
            // Both fall silent at once: the one in service is reported offline, the retired one is not.
            await().atMost(Duration.ofSeconds(60)).until(() -> offline(alerts).contains(staying.id()));
            Thread.sleep(3_000);
            assertThat(offline(alerts)).doesNotContain(retired.id());
        }
    }

    private static Set<String> offline(Tail alerts) {
        return alerts.values().stream().map(v -> Json.fromBytes(v, Alert.class))
                .filter(a -> a.type() == AlertType.DEVICE_OFFLINE && a.status() == AlertStatus.RAISED)
                .map(Alert::deviceId).collect(Collectors.toSet());
    }

    @Test
    void anEditedPortLimit_reachesTheRunningJob_withoutARestart() throws Exception {
        Device station = charger();
        try (JobsRunner jobs = new JobsRunner(settings(Map.of("registry.poll", "500ms")), 0).start();
             Tail alerts = new Tail(kafka.bootstrapServers(), Topics.ALERTS)) {
            // 700 W is fine under the generated 1,000 W limit ...
            for (int i = 0; i < 3; i++) {
                send(station, Channel.TELEMETRY, T0 + i * 30_000L, chargerTelemetry(T0 + i * 30_000L, false, 40.0));
            }
            Thread.sleep(3_000);
            assertThat(alerts.values()).isEmpty();
            // ... and an overload once the operator lowers the limit to 500 W in the registry file.
            RegistryDocument doc = generated.document();
            List<Device> devices = new ArrayList<>();
            for (Device d : doc.devices()) {
                devices.add(d.id().equals(station.id()) ? new Device(d.id(), d.type(), d.location(), d.secretHash(),
                        d.enabled(), new ChargerSpec(d.charger().ports(), 500, d.charger().stationRefuseW(),
                        d.charger().stationLimitW()), d.camera(), d.gate()) : d);
            }
            RegistryWriter.write(registryFile, new RegistryDocument(doc.version(), doc.seed(), doc.note(),
                    doc.subDistricts(), doc.communities(), doc.grids(), doc.compounds(), doc.zones(), devices));
            Thread.sleep(2_000);
            for (int i = 3; i < 6; i++) {
                send(station, Channel.TELEMETRY, T0 + i * 30_000L, chargerTelemetry(T0 + i * 30_000L, false, 40.0));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> alerts.values().stream()
                    .map(v -> Json.fromBytes(v, Alert.class))
                    .anyMatch(a -> a.type() == AlertType.PORT_OVERLOAD && a.port() == 1));
        }
    }

    private void send(Device d, Channel channel, long ts, JsonNode payload) throws Exception {
        Envelope e = new Envelope(d.id(), d.type(), channel, ts, seq.incrementAndGet(), ts + 40, "gw-test", false,
                d.location(), payload);
        String topic = switch (channel) {
            case TELEMETRY -> Topics.telemetry(d.type());
            case EVENT -> Topics.EVENTS;
            default -> Topics.STATUS;
        };
        producer.send(new ProducerRecord<>(topic, d.id(), Json.toBytes(e))).get();
    }

    /** Port 1 draws 700 W at {@code tempC}; the station reports smoke when asked. */
    private static JsonNode chargerTelemetry(long ts, boolean smoke, double tempC) {
        ObjectNode p = Json.mapper().createObjectNode();
        p.put("ts", ts).put("seq", 1).put("mainsV", 228.0).put("ambientC", 22.0).put("smoke", smoke)
                .put("leakageMa", 2.0);
        ObjectNode port = p.putArray("ports").addObject();
        port.put("no", 1).put("state", "charging").put("voltageV", 48.0).put("currentA", 14.6).put("powerW", 700.0)
                .put("energyWh", 100).put("tempC", tempC);
        return p;
    }

    private static JsonNode status(long ts) {
        ObjectNode p = Json.mapper().createObjectNode();
        return p.put("ts", ts).put("seq", 1).put("state", "online");
    }

    /** Everything committed on a topic, from the beginning. */
    private static final class Tail implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

        Tail(String bootstrap, String topic) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic + "-" + System.nanoTime(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
            consumer.subscribe(List.of(topic));
        }

        synchronized List<byte[]> values() {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            return records.stream().map(ConsumerRecord::value).toList();
        }

        synchronized List<String> keys() {
            values();
            return records.stream().map(ConsumerRecord::key).toList();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
