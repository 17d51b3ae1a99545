package io.anju.cases.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.cases.run.CasesConfig;
import io.anju.cases.run.CasesServer;
import io.anju.cases.testing.ApiClient;
import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.common.influx.InfluxCredentials;
import io.anju.common.json.Json;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryWriter;
import io.anju.common.topic.Topics;
import io.anju.kafka.EmbeddedKafka;
import io.anju.registry.generate.GeneratorOptions;
import io.anju.registry.generate.RegistryGenerator;
import io.anju.testsupport.InfluxServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static io.anju.cases.testing.ApiClient.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Charger commands for a case through the running case service ({@code POST /api/v1/cases/{id}/commands}) with its
 * real parts: cases opened by alerts on a real broker, PostgreSQL, the commands read back from {@code anju.commands},
 * and port temperatures written to a real InfluxDB as the history job writes them (docs/data-model.md). Each test works
 * on a port of its own of one charging station.
 */
class CaseCommandsIT {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String PASSWORD = "correct horse battery";
    private static final AtomicInteger NEXT_PORT = new AtomicInteger();
    /** When the test alerts' episodes began: one id per port's episode, for its raise and its clear alike. */
    private static final long FIRST = System.currentTimeMillis() - 60_000;

    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;
    static InfluxServer influxd;
    static InfluxDB influx;
    static Vertx vertx;
    static KafkaProducer<byte[], byte[]> producer;
    static KafkaConsumer<byte[], byte[]> commands;
    static CasesServer server;
    static Device charger;
    static Device elsewhere;
    static ApiClient manager;
    static ApiClient operator;
    static ApiClient worker;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
        influxd = new InfluxServer().start();
        influx = InfluxDBFactory.connect(influxd.url(), influxd.username(), influxd.password());
        influx.query(new Query("CREATE DATABASE anju"));
        Registry registry = new Registry(RegistryGenerator.generate(new GeneratorOptions(2020, true, 0)).document());
        Path registryFile = dir.resolve("registry.json");
        RegistryWriter.write(registryFile, registry.document());
        List<Device> chargers = registry.devicesOfType(DeviceType.CHARGER);
        charger = chargers.stream().filter(d -> d.charger().ports() >= 8).findFirst().orElseThrow();
        elsewhere = chargers.stream().filter(d -> !d.location().compoundId().equals(charger.location().compoundId()))
                .findFirst().orElseThrow();
        vertx = Vertx.vertx();
        producer = kafka.producer();
        Map<String, String> s = new HashMap<>();
        s.put("http.host", "127.0.0.1");
        s.put("http.port", "0");
        s.put("registry.file", registryFile.toString());
        s.put("data.dir", dir.resolve("data").toString());
        s.put("kafka.bootstrap", kafka.bootstrapServers());
        s.put("auth.passwordIterations", "10000");
        s.put("commands.influx.url", influxd.url());
        s.put("commands.influx.credentialsFile", influxd.credentialsFile().toString());
        s.put("commands.readingMaxAge", "5m");
        server = CasesServer.start(CasesConfig.of(s), Clock.systemUTC());
        await(server.users().add("manager", "property_manager", charger.location().compoundId(), PASSWORD, null));
        await(server.users().add("community", "community_operator", charger.location().communityId(), PASSWORD, null));
        await(server.users().add("worker", "grid_worker", charger.location().gridId(), PASSWORD, null));
        manager = signIn("manager");
        operator = signIn("community");
        worker = signIn("worker");
        commands = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        commands.assign(IntStream.range(0, commands.partitionsFor(Topics.COMMANDS).size())
                .mapToObj(p -> new TopicPartition(Topics.COMMANDS, p)).toList());
        commands.seekToBeginning(commands.assignment());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (commands != null) {
            commands.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (influx != null) {
            influx.close();
        }
        if (influxd != null) {
            influxd.close();
        }
        if (vertx != null) {
            await(vertx.close());
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aStopGoesOnKafkaKeyedByItsCharger_isIssuedInTheCase_andItsReplyAndDeliveryJoinTheCaseInAnyOrder() throws Exception {
        int port = nextPort();
        Alert fire = fireRisk(port, AlertStatus.RAISED, 1);
        long caseId = openCase(fire);

        HttpResponse<Buffer> sent = manager.post(commandsOf(caseId), command("stop_port", charger.id(), port)
                .put("reason", "smoke seen"));
        assertThat(sent.statusCode()).as(sent.bodyAsString()).isEqualTo(202);
        String commandId = sent.bodyAsJsonObject().getString("commandId");

        ConsumerRecord<byte[], byte[]> record = published(commandId);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(charger.id());
        JsonNode value = Json.tree(record.value());
        assertThat(value.path("action").asText()).isEqualTo("stop_port");
        assertThat(value.path("port").asInt()).isEqualTo(port);
        assertThat(value.path("alertId").asText()).isEqualTo(fire.id());
        assertThat(value.path("caseId").asLong()).isEqualTo(caseId);
        assertThat(value.path("ttlMs").asLong()).isEqualTo(60_000);
        assertThat(value.path("ts").asLong()).isPositive();
        assertThat(value.path("reason").asText()).contains("manager").contains("smoke seen");
        assertThat(value.has("deviceId")).as("the device id is the key").isFalse();

        JsonObject issued = commandEntries(manager, caseId).get(0);
        assertThat(issued.getString("actor")).isEqualTo("manager");
        assertThat(issued.getString("actorRole")).isEqualTo("property_manager");
        assertThat(issued.getJsonObject("data").getString("commandId")).isEqualTo(commandId);
        assertThat(issued.getJsonObject("data").getString("outcome")).isEqualTo("issued");
        assertThat(issued.getString("note")).as("rendered in the default language, the person's reason quoted")
                .startsWith("manager 向 ").contains("发出断电（" + port + " 号端口）指令").contains("smoke seen");

        // The charger's reply may reach anju.command-results before the gateway's report (two writers): both are
        // filed in the case, the reply found by its command, the report by the alert id it echoes.
        long now = System.currentTimeMillis();
        for (String result : List.of(reply(commandId, now, "port " + port + " stopped"),
                delivery(commandId, fire.id(), "stop_port", now))) {
            sendResult(result);
        }
        await().atMost(PATIENCE).until(() -> commandEntries(manager, caseId).size() == 3);
        assertThat(commandEntries(manager, caseId)).extracting(e -> e.getJsonObject("data").getString("outcome"))
                .containsExactly("issued", "ok", "delivered");
        assertThat(commandEntries(manager, caseId).get(1).getString("note")).contains("port " + port + " stopped");
    }

    /**
     * A case reported by hand names no alert: its stop's report and reply are found by the command's id. A resume from
     * it is guarded by the alert that caused the port's stop, whichever case or job sent it: here the alerting job's
     * own stop of the port.
     */
    @Test
    void aCaseReportedByHand_hasItsStopsReportAndReply_andItsResumeIsGuardedByTheAlertThatStoppedThePort()
            throws Exception {
        int port = nextPort();
        Alert fire = fireRisk(port, AlertStatus.RAISED, 1);
        long alertCase = openCase(fire);
        temperature(port, 39.0, Duration.ofSeconds(20));
        sendResult("{\"kind\":\"confirmation\",\"commandId\":\"auto-stop-" + fire.id() + "\",\"alertId\":\""
                + fire.id() + "\",\"deviceId\":\"" + charger.id() + "\",\"port\":" + port
                + ",\"outcome\":\"confirmed\",\"attempt\":1,\"powerW\":0.0,\"at\":" + System.currentTimeMillis()
                + "}");
        await().atMost(PATIENCE).until(() -> commandEntries(manager, alertCase).size() == 1);
        long byHand = reportByHand("charger port " + port + " smells of burning");

        HttpResponse<Buffer> stop = manager.post(commandsOf(byHand), command("stop_port", charger.id(), port));
        assertThat(stop.statusCode()).as(stop.bodyAsString()).isEqualTo(202);
        String commandId = stop.bodyAsJsonObject().getString("commandId");
        JsonNode value = Json.tree(published(commandId).value());
        assertThat(value.has("alertId")).as("the case has no alert").isFalse();
        assertThat(value.path("caseId").asLong()).isEqualTo(byHand);
        long now = System.currentTimeMillis();
        for (String result : List.of(reply(commandId, now, "port " + port + " stopped"),
                delivery(commandId, null, "stop_port", now))) {
            sendResult(result);
        }
        await().atMost(PATIENCE).until(() -> commandEntries(manager, byHand).size() == 3);
        assertThat(commandEntries(manager, byHand)).extracting(e -> e.getJsonObject("data").getString("outcome"))
                .containsExactly("issued", "ok", "delivered");
        assertThat(commandEntries(manager, byHand).get(2).getJsonObject("data").getInteger("port"))
                .as("the report names no port: the command's record does").isEqualTo(port);

        JsonObject refusal = refused(manager.post(commandsOf(byHand), command("resume_port", charger.id(), port)));
        assertThat(refusal.getString("code")).isEqualTo("alert_open");
        assertThat(refusal.getString("detail")).contains(fire.id());
        assertThat(published("resume_port", port)).as("nothing sent").isEmpty();

        clear(port, alertCase);
        HttpResponse<Buffer> resumed = manager.post(commandsOf(byHand), command("resume_port", charger.id(), port));
        assertThat(resumed.statusCode()).as(resumed.bodyAsString()).isEqualTo(202);
        assertThat(resumed.bodyAsJsonObject().getJsonArray("overridden")).isEmpty();
    }

    @Test
    void aResumeIsRefusedWhileTheAlertThatCausedTheStopIsOpen_namingIt() throws Exception {
        int port = nextPort();
        Alert fire = fireRisk(port, AlertStatus.RAISED, 1);
        long caseId = openCase(fire);
        temperature(port, 41.0, Duration.ofSeconds(30));

        JsonObject refusal = refused(manager.post(commandsOf(caseId), command("resume_port", charger.id(), port)));
        assertThat(refusal.getString("code")).isEqualTo("alert_open");
        assertThat(refusal.getString("detail")).contains(fire.id());
        assertThat(refusal.getString("message")).as("for people, in Chinese by default, naming the alert")
                .startsWith("拒绝恢复供电").contains(fire.id());
        assertThat(refusal.getJsonArray("guards")).hasSize(1);

        JsonObject audited = commandEntries(manager, caseId).get(0);
        assertThat(audited.getJsonObject("data").getString("outcome")).isEqualTo("refused");
        assertThat(audited.getString("note")).contains(fire.id());
        assertThat(published("resume_port", port)).as("nothing sent").isEmpty();
    }

    @Test
    void aResumeIsRefusedWhileThePortIsAboveItsLimit_andWhileItsTemperatureIsUnknown() throws Exception {
        int port = nextPort();
        long caseId = openCase(fireRisk(port, AlertStatus.RAISED, 1));
        clear(port, caseId);

        temperature(port, 71.5, Duration.ofSeconds(20));
        JsonObject hot = refused(manager.post(commandsOf(caseId), command("resume_port", charger.id(), port)));
        assertThat(hot.getString("code")).isEqualTo("temperature_high");
        assertThat(hot.getString("detail")).contains("71.5 °C").contains("65 °C");

        // Only a reading older than commands.readingMaxAge (5 min) on another port: nothing recent to go by.
        int silent = nextPort();
        long silentCase = openCase(fireRisk(silent, AlertStatus.RAISED, 1));
        clear(silent, silentCase);
        temperature(silent, 30.0, Duration.ofMinutes(9));
        JsonObject unknown = refused(manager.post(commandsOf(silentCase), command("resume_port", charger.id(), silent)));
        assertThat(unknown.getString("code")).isEqualTo("temperature_unknown");
        // The message is in the reader's language (Chinese by default); the guard's facts say why.
        assertThat(unknown.getString("message")).contains("65 °C");
        assertThat(unknown.getJsonArray("guards").getJsonObject(0).getString("reason"))
                .contains("no reading of port " + silent);
        assertThat(published("resume_port", port)).isEmpty();
        assertThat(published("resume_port", silent)).isEmpty();
    }

    @Test
    void aTimeSeriesStoreThatDoesNotAnswer_leavesTheTemperatureUnknown() throws Exception {
        int port = nextPort();
        Alert fire = fireRisk(port, AlertStatus.RAISED, 1);
        long caseId = openCase(fire);
        clear(port, caseId);
        temperature(port, 30.0, Duration.ofSeconds(10));
        CommandSettings nowhere = CommandSettings.defaults().withInflux("http://127.0.0.1:" + freePort());
        try (PortTemperatures unreachable = new PortTemperatures(vertx, nowhere, System::currentTimeMillis)) {
            PortTemperature t = await(unreachable.of(charger.id(), port));
            assertThat(t.isKnown()).isFalse();
            assertThat(t.unknownBecause()).contains("did not answer");
        }
        CommandSettings reachable = CommandSettings.defaults().withInflux(influxd.url());
        try (PortTemperatures anonymous = new PortTemperatures(vertx, reachable, System::currentTimeMillis)) {
            assertThat(await(anonymous.of(charger.id(), port)).isKnown()).as("InfluxDB refuses a client without "
                    + "credentials").isFalse();
        }
        try (PortTemperatures signedIn = new PortTemperatures(vertx, reachable.withInfluxCredentials(
                InfluxCredentials.read("test", influxd.credentialsFile())), System::currentTimeMillis)) {
            assertThat(await(signedIn.of(charger.id(), port)).celsius()).isEqualTo(30.0);
        }
    }

    @Test
    void aResumeIsSentOnceTheAlertClearedAndThePortCooled_evenAfterTheCaseEnded() throws Exception {
        int port = nextPort();
        long caseId = openCase(fireRisk(port, AlertStatus.RAISED, 1));
        // People voided the case while the device still reported the fire risk; it clears afterwards.
        HttpResponse<Buffer> voided = operator.post("/api/v1/cases/" + caseId + "/transitions",
                new JsonObject().put("action", "void").put("note", "test of the resume after the case ended"));
        assertThat(voided.statusCode()).as(voided.bodyAsString()).isEqualTo(200);
        clear(port, caseId);
        temperature(port, 38.0, Duration.ofSeconds(40));

        HttpResponse<Buffer> sent = manager.post(commandsOf(caseId), command("resume_port", charger.id(), port));
        assertThat(sent.statusCode()).as(sent.bodyAsString()).isEqualTo(202);
        assertThat(sent.bodyAsJsonObject().getJsonArray("overridden")).isEmpty();
        JsonNode value = Json.tree(published(sent.bodyAsJsonObject().getString("commandId")).value());
        assertThat(value.path("action").asText()).isEqualTo("resume_port");
        assertThat(value.path("port").asInt()).isEqualTo(port);
        assertThat(commandEntries(manager, caseId)).extracting(e -> e.getJsonObject("data").getString("outcome"))
                .containsExactly("issued");
    }

    @Test
    void aResumeSentFromAClosedCase_tellsItsStoryThere_evenWhenTheWorseningAlertOpenedANewCase() throws Exception {
        int port = nextPort();
        Alert orange = fireRisk(port, AlertStatus.RAISED, 1, Severity.ORANGE);
        long closedCase = openCase(orange);
        HttpResponse<Buffer> voided = operator.post("/api/v1/cases/" + closedCase + "/transitions",
                new JsonObject().put("action", "void").put("note", "judged handled too early"));
        assertThat(voided.statusCode()).as(voided.bodyAsString()).isEqualTo(200);
        // Worse than the closed case was: the same alert episode opens a new case.
        send(fireRisk(port, AlertStatus.RAISED, 2, Severity.RED));
        long newCase = await().atMost(PATIENCE).until(() -> operator.get("/api/v1/cases?limit=500").bodyAsJsonObject()
                .getJsonArray("items").stream().map(o -> (JsonObject) o)
                .filter(o -> orange.dedupKey().equals(o.getString("dedupKey")) && o.getLong("id") != closedCase)
                .map(o -> o.getLong("id")).findFirst().orElse(-1L), id -> id > 0);
        send(fireRisk(port, AlertStatus.CLEARED, 3, Severity.RED));
        await().atMost(PATIENCE).until(() -> "cleared".equals(operator.get("/api/v1/cases/" + closedCase)
                .bodyAsJsonObject().getJsonObject("case").getString("alertStatus")));
        temperature(port, 36.0, Duration.ofSeconds(30));

        HttpResponse<Buffer> sent = manager.post(commandsOf(closedCase), command("resume_port", charger.id(), port));
        assertThat(sent.statusCode()).as(sent.bodyAsString()).isEqualTo(202);
        String commandId = sent.bodyAsJsonObject().getString("commandId");
        published(commandId);
        sendResult(delivery(commandId, orange.id(), "resume_port", System.currentTimeMillis()));

        await().atMost(PATIENCE).until(() -> commandEntries(manager, closedCase).size() == 2);
        assertThat(commandEntries(manager, closedCase)).extracting(e -> e.getJsonObject("data").getString("outcome"))
                .containsExactly("issued", "delivered");
        assertThat(commandEntries(operator, newCase)).as("the new case did not send it").isEmpty();
    }

    @Test
    void anOperatorMayOverrideTheGuards_audited_butAPropertyManagerMayNot() throws Exception {
        int port = nextPort();
        Alert fire = fireRisk(port, AlertStatus.RAISED, 1);
        long caseId = openCase(fire);
        temperature(port, 68.0, Duration.ofSeconds(15));

        HttpResponse<Buffer> byManager = manager.post(commandsOf(caseId), command("resume_port", charger.id(), port)
                .put("override", true).put("reason", "tenant needs to charge"));
        assertThat(byManager.statusCode()).as(byManager.bodyAsString()).isEqualTo(403);
        assertThat(byManager.bodyAsJsonObject().getString("code")).isEqualTo("override_forbidden");
        assertThat(byManager.bodyAsJsonObject().getString("message")).as("names who may: a centre operator")
                .contains("指挥中心");

        HttpResponse<Buffer> noReason = operator.post(commandsOf(caseId), command("resume_port", charger.id(), port)
                .put("override", true));
        assertThat(noReason.statusCode()).as(noReason.bodyAsString()).isEqualTo(400);
        assertThat(noReason.bodyAsJsonObject().getString("code")).isEqualTo("reason_required");

        HttpResponse<Buffer> overridden = operator.post(commandsOf(caseId), command("resume_port", charger.id(), port)
                .put("override", true).put("reason", "fire brigade on site says the port is safe"));
        assertThat(overridden.statusCode()).as(overridden.bodyAsString()).isEqualTo(202);
        assertThat(overridden.bodyAsJsonObject().getJsonArray("overridden").getList())
                .containsExactly("alert_open", "temperature_high");
        String commandId = overridden.bodyAsJsonObject().getString("commandId");
        assertThat(Json.tree(published(commandId).value()).path("action").asText()).isEqualTo("resume_port");

        JsonArray history = manager.get("/api/v1/cases/" + caseId).bodyAsJsonObject().getJsonArray("history");
        JsonObject override = history.stream().map(o -> (JsonObject) o)
                .filter(e -> "command_override".equals(e.getString("kind"))).findFirst().orElseThrow();
        assertThat(override.getString("actor")).isEqualTo("community");
        assertThat(override.getString("note")).contains(fire.id()).contains("68 °C")
                .contains("fire brigade on site says the port is safe");
        JsonArray guards = override.getJsonObject("data").getJsonArray("guards");
        assertThat(guards.getJsonObject(0).getString("alertId")).isEqualTo(fire.id());
        assertThat(guards.getJsonObject(1).getDouble("tempC")).isEqualTo(68.0);
        assertThat(override.getJsonObject("data").getString("commandId")).isEqualTo(commandId);
        assertThat(commandEntries(manager, caseId)).extracting(e -> e.getJsonObject("data").getString("outcome"))
                .containsExactly("issued");
    }

    @Test
    void aChargerTheCaseIsNotAbout_andARoleWithoutChargerDuty_areRefusedSayingWhy() throws Exception {
        int port = nextPort();
        long caseId = openCase(fireRisk(port, AlertStatus.RAISED, 1));

        HttpResponse<Buffer> wrong = operator.post(commandsOf(caseId), command("stop_port", elsewhere.id(), 1));
        assertThat(wrong.statusCode()).as(wrong.bodyAsString()).isEqualTo(400);
        assertThat(wrong.bodyAsJsonObject().getString("code")).isEqualTo("wrong_device");
        assertThat(wrong.bodyAsJsonObject().getString("message")).contains(elsewhere.id());

        HttpResponse<Buffer> byWorker = worker.post(commandsOf(caseId), command("stop_port", charger.id(), port));
        assertThat(byWorker.statusCode()).as(byWorker.bodyAsString()).isEqualTo(403);
        assertThat(byWorker.bodyAsJsonObject().getString("code")).isEqualTo("command_forbidden");
        assertThat(byWorker.bodyAsJsonObject().getString("message")).as("says who may").contains("网格员")
                .contains("物业经理").contains("指挥中心");

        HttpResponse<Buffer> badPort = operator.post(commandsOf(caseId), command("stop_port", charger.id(),
                charger.charger().ports() + 1));
        assertThat(badPort.statusCode()).as(badPort.bodyAsString()).isEqualTo(400);
        assertThat(badPort.bodyAsJsonObject().getString("code")).isEqualTo("bad_port");
        assertThat(commandEntries(operator, caseId)).as("refusals before the guards leave no entry").isEmpty();
    }

    // --- helpers ---

    private static int nextPort() {
        return NEXT_PORT.incrementAndGet();
    }

    /** A red fire risk at a port of the charger (its own dedup key per port), as the alerting job raises it. */
    private static Alert fireRisk(int port, AlertStatus status, int revision) {
        return fireRisk(port, status, revision, Severity.RED);
    }

    private static Alert fireRisk(int port, AlertStatus status, int revision, Severity severity) {
        String source = Alert.portSourceId(charger.id(), port);
        String key = Alert.dedupKey(AlertType.FIRE_RISK, source);
        long first = FIRST;
        long now = System.currentTimeMillis();
        return new Alert(Alert.idFor(key, first), key, AlertType.FIRE_RISK, severity, status, revision,
                SourceKind.PORT, source, charger.id(), port, charger.location(), first, now, now,
                "Fire risk at " + source, "stop_port",
                List.of(Evidence.portReading(now, charger.id(), port, "temperatureC", 66.0, "°C")));
    }

    private static long openCase(Alert alert) throws Exception {
        send(alert);
        return await().atMost(PATIENCE).until(() -> caseOf(alert), Optional::isPresent).orElseThrow()
                .getLong("id");
    }

    /** A case a grid worker reports at the charger's compound: it names no alert and no device. */
    private static long reportByHand(String title) throws Exception {
        HttpResponse<Buffer> filed = worker.post("/api/v1/cases", new JsonObject().put("origin", "grid_report")
                .put("title", title).put("categoryCode", "02-05").put("severity", "yellow")
                .put("compoundId", charger.location().compoundId()));
        assertThat(filed.statusCode()).as(filed.bodyAsString()).isEqualTo(201);
        return filed.bodyAsJsonObject().getLong("id");
    }

    /** The charger's {@code command/reply} envelope, as the gateway puts it on {@code anju.command-results}. */
    private static String reply(String commandId, long ts, String detail) {
        return "{\"deviceId\":\"" + charger.id() + "\",\"type\":\"charger\",\"channel\":\"command/reply\","
                + "\"ts\":" + ts + ",\"seq\":9,\"gateway\":\"gw-1\",\"payload\":{\"id\":\"" + commandId + "\","
                + "\"ts\":" + ts + ",\"result\":\"ok\",\"detail\":\"" + detail + "\"}}";
    }

    /** The gateway's report that it delivered the command; {@code alertId} as the command named it, or none. */
    private static String delivery(String commandId, String alertId, String action, long at) {
        return "{\"kind\":\"delivery\",\"commandId\":\"" + commandId + "\""
                + (alertId == null ? "" : ",\"alertId\":\"" + alertId + "\"") + ",\"action\":\"" + action
                + "\",\"deviceId\":\"" + charger.id() + "\",\"outcome\":\"delivered\",\"gateway\":\"gw-1\","
                + "\"at\":" + at + "}";
    }

    private static void sendResult(String result) throws Exception {
        producer.send(new ProducerRecord<>(Topics.COMMAND_RESULTS, charger.id().getBytes(StandardCharsets.UTF_8),
                result.getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
    }

    /** The alert's cleared revision; returns once the case service knows it cleared. */
    private static void clear(int port, long caseId) throws Exception {
        send(fireRisk(port, AlertStatus.CLEARED, 2));
        await().atMost(PATIENCE).until(() -> "cleared".equals(operator.get("/api/v1/cases/" + caseId)
                .bodyAsJsonObject().getJsonObject("case").getString("alertStatus")));
    }

    private static Optional<JsonObject> caseOf(Alert a) throws Exception {
        JsonArray items = operator.get("/api/v1/cases?limit=500").bodyAsJsonObject().getJsonArray("items");
        return items.stream().map(o -> (JsonObject) o).filter(o -> a.dedupKey().equals(o.getString("dedupKey")))
                .findFirst();
    }

    private static void send(Alert a) throws Exception {
        producer.send(new ProducerRecord<>(Topics.ALERTS, a.dedupKey().getBytes(StandardCharsets.UTF_8),
                Json.toBytes(a))).get(10, TimeUnit.SECONDS);
    }

    /** A port's minute as the history job writes it: the minute's hottest reading, {@code ago} before now. */
    private static void temperature(int port, double celsius, Duration ago) {
        influx.write("anju", "autogen", Point.measurement("charger_port_minute")
                .time(System.currentTimeMillis() - ago.toMillis(), TimeUnit.MILLISECONDS)
                .tag("device", charger.id()).tag("port", Integer.toString(port))
                .tag("compound", charger.location().compoundId()).tag("grid", charger.location().gridId())
                .addField("temp_c_max", celsius).addField("temp_c_min", celsius - 1).addField("readings", 2L).build());
    }

    private static JsonObject command(String action, String deviceId, int port) {
        return new JsonObject().put("action", action).put("deviceId", deviceId).put("port", port);
    }

    private static String commandsOf(long caseId) {
        return "/api/v1/cases/" + caseId + "/commands";
    }

    private static JsonObject refused(HttpResponse<Buffer> r) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(409);
        assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("conflict");
        return r.bodyAsJsonObject();
    }

    private static List<JsonObject> commandEntries(ApiClient who, long caseId) throws Exception {
        return who.get("/api/v1/cases/" + caseId).bodyAsJsonObject().getJsonArray("history").stream()
                .map(o -> (JsonObject) o).filter(e -> "command".equals(e.getString("kind"))).toList();
    }

    /** The record of {@code anju.commands} with this command id (read from the beginning, so order does not matter). */
    private static synchronized ConsumerRecord<byte[], byte[]> published(String commandId) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ConsumerRecord<byte[], byte[]>> found = seen.stream().filter(r -> commandId.equals(idOf(r)))
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            pollMore();
        }
        throw new AssertionError("command " + commandId + " not on " + Topics.COMMANDS + " within " + PATIENCE);
    }

    /** Every record of {@code anju.commands} so far for this port with this action. */
    private static synchronized List<ConsumerRecord<byte[], byte[]>> published(String action, int port) {
        pollMore();
        return seen.stream().filter(r -> {
            JsonNode v = tree(r);
            return action.equals(v.path("action").asText()) && v.path("port").asInt() == port;
        }).toList();
    }

    private static final List<ConsumerRecord<byte[], byte[]>> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static void pollMore() {
        commands.poll(Duration.ofMillis(500)).forEach(seen::add);
    }

    private static String idOf(ConsumerRecord<byte[], byte[]> r) {
        return tree(r).path("id").asText();
    }

    private static JsonNode tree(ConsumerRecord<byte[], byte[]> r) {
        try {
            return Json.tree(r.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static ApiClient signIn(String name) throws Exception {
        WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.httpPort()));
        return ApiClient.signIn(client, name, PASSWORD);
    }
}
