package io.anju.jobs.e2e;

import io.anju.cases.run.CasesConfig;
import io.anju.cases.run.CasesServer;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.jobs.run.JobsRunner;
import io.anju.sim.clock.Scenario;
import io.anju.sim.fault.FaultKind;
import io.anju.sim.fault.FaultPlan;
import io.anju.sim.fault.FaultSpec;
import io.anju.sim.link.MqttVersionChoice;
import io.anju.sim.run.DeviceFilter;
import io.anju.sim.run.LinkSettings;
import io.anju.sim.run.RunSettings;
import io.anju.sim.run.SimStats;
import io.anju.sim.run.Simulation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;


/**
 * The whole chain on loopback: a fault the simulator injects on a charger port travels device → MQTT gateway →
 * Kafka → Flink detectors → {@code anju.alerts} → the case system, and ends up as one case at the grid of the
 * charger's compound, with its evidence, which the right people — and only they — take through every step of the
 * loop to evaluation over the REST API; the property manager's stop of the port from the case then travels case
 * service → Kafka → gateway → simulated charger, and the alerting job's confirmation by the charger's readings comes
 * back into the case's history.
 */
class FaultToCaseIT {
    private static final Logger LOG = LoggerFactory.getLogger(FaultToCaseIT.class);
    private static final double SPEED = 60;
    private static final long MINUTE = 60_000;
    private static final String PASSWORD = "e2e-password-1";

    @Test
    void anInjectedFault_becomesOneCaseAtItsGridWorker_withEvidence_andTheRightRolesWorkItToEvaluation(@TempDir Path dir)
            throws Exception {
        Vertx vertx = Vertx.vertx();
        try (PlatformUnderTest platform = PlatformUnderTest.start(dir);
             JobsRunner jobs = platform.jobs(null).start();
             CasesServer cases = CasesServer.start(CasesConfig.of(Map.of(
                     "http.host", "127.0.0.1", "http.port", "0",
                     "registry.file", platform.registryFile.toString(),
                     "data.dir", dir.resolve("cases").toString(),
                     "kafka.bootstrap", platform.kafka().bootstrapServers(),
                     "kafka.clientConfig", platform.kafkaClientConfig(),
                     "auth.passwordIterations", "10000")))) {
            List<Device> chargers = platform.registry.devicesOfType(DeviceType.CHARGER).stream()
                    .filter(Device::enabled).toList();
            Device faulty = chargers.get(0);
            Device elsewhere = chargers.stream()
                    .filter(d -> !d.location().gridId().equals(faulty.location().gridId())).findFirst().orElseThrow();
            addUser(cases, "grid.worker", "grid_worker", faulty.location().gridId());
            addUser(cases, "other.worker", "grid_worker", elsewhere.location().gridId());
            addUser(cases, "community", "community_operator", faulty.location().communityId());
            addUser(cases, "property", "property_manager", faulty.location().compoundId());
            addUser(cases, "other.property", "property_manager", elsewhere.location().compoundId());

            int port = 2;
            FaultPlan plan = new FaultPlan(1, Scenario.EVENING.wireName(), List.of(new FaultSpec(FaultKind.PORT_OVERLOAD,
                    faulty.id(), port, Scenarios.EVENING + 2 * MINUTE, Scenarios.EVENING + 120 * MINUTE, 1_300)));
            Path planFile = dir.resolve("plan.json");
            plan.write(planFile);
            RunSettings run = new RunSettings(new DeviceFilter(Set.of(), Set.of(faulty.id(), elsewhere.id()), null, null,
                    Integer.MAX_VALUE), Scenario.EVENING, Scenarios.SEED, SPEED, Scenarios.EVENING, planFile.toString(),
                    dir.resolve("ground-truth.jsonl"), null, 150 * MINUTE, MqttVersionChoice.MIXED,
                    new LinkSettings(platform.mqttUri(), null, false, 60, System::currentTimeMillis));
            Simulation sim = platform.simulation(run, new SimStats());
            WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                    .setDefaultPort(cases.httpPort()));
            try {
                sim.start();
                Caller worker = Caller.signIn(http, "grid.worker");
                JsonObject listed = Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                        .until(() -> worker.cases("port_overload"), list -> !list.isEmpty()).get(0);
                long id = listed.getLong("id");
                JsonObject detail = worker.get("/api/v1/cases/" + id).bodyAsJsonObject();
                JsonObject c = detail.getJsonObject("case");
                LOG.info("fault on {} port {} became case {} at grid {}: device → alert → case {} ms after the alert was "
                                + "emitted, first notification {}", faulty.id(), port, c.getString("caseNo"),
                        c.getJsonObject("location").getString("gridId"),
                        Duration.between(Instant.parse(c.getString("alertEmittedAt")), Instant.parse(c.getString("createdAt"))).toMillis(),
                        c.getString("firstNotifiedAt"));

                assertThat(worker.cases("port_overload")).as("one case for the fault").hasSize(1);
                assertThat(c.getString("sourceId")).isEqualTo(faulty.id() + "#" + port);
                assertThat(c.getJsonObject("location").getString("gridId")).isEqualTo(faulty.location().gridId());
                assertThat(c.getString("assignedUnit")).isEqualTo(faulty.location().gridId());
                assertThat(c.getJsonArray("evidence")).as("the readings that raised it").isNotEmpty();
                assertThat(c.getJsonArray("evidence").getJsonObject(0).getString("deviceId")).isEqualTo(faulty.id());

                Caller community = Caller.signIn(http, "community");
                Caller property = Caller.signIn(http, "property");
                Caller otherWorker = Caller.signIn(http, "other.worker");
                Caller otherProperty = Caller.signIn(http, "other.property");
                assertThat(otherWorker.get("/api/v1/cases/" + id).statusCode()).isEqualTo(404);
                assertThat(otherProperty.act(id, "start", null).statusCode()).isEqualTo(404);

                assertThat(worker.act(id, "verify", null).statusCode()).isEqualTo(200);
                assertThat(property.act(id, "analyse", null).statusCode()).as("a property manager does not analyse").isEqualTo(403);
                assertThat(community.act(id, "analyse", null).statusCode()).isEqualTo(200);
                assertThat(worker.act(id, "dispatch", null).statusCode()).as("a grid worker does not dispatch").isEqualTo(403);
                assertThat(community.act(id, "dispatch", null).statusCode()).isEqualTo(200);
                assertThat(property.act(id, "start", null).statusCode()).isEqualTo(200);
                assertThat(property.act(id, "submit_feedback", new JsonObject().put("note", "port 2 isolated"))
                        .statusCode()).isEqualTo(200);
                assertThat(property.act(id, "close", null).statusCode()).as("the handler does not check its own work")
                        .isEqualTo(403);
                assertThat(community.act(id, "close", null).statusCode()).isEqualTo(200);
                assertThat(community.act(id, "evaluate", new JsonObject().put("score", 4)).statusCode()).isEqualTo(200);
                JsonObject done = community.get("/api/v1/cases/" + id).bodyAsJsonObject();
                assertThat(done.getJsonObject("case").getString("state")).isEqualTo("evaluated");
                assertThat(done.getJsonArray("history").stream().map(e -> ((JsonObject) e).getString("toState"))
                        .filter(s -> s != null).toList())
                        .containsSubsequence("verified", "analysed", "dispatched", "in_handling", "feedback_submitted",
                                "closed", "evaluated");

                // The property manager stops the port from the case: the charger's readings confirm it in the case.
                long sentAt = System.currentTimeMillis();
                HttpResponse<Buffer> sent = property.command(id, new JsonObject().put("action", "stop_port")
                        .put("deviceId", faulty.id()).put("port", port).put("reason", "isolate until the electrician"));
                assertThat(sent.statusCode()).as(sent.bodyAsString()).isEqualTo(202);
                String commandId = sent.bodyAsJsonObject().getString("commandId");
                JsonObject confirmed = Awaitility.await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> property.confirmation(id, commandId), o -> o != null);
                LOG.info("stop_port {} of {} port {} confirmed by readings in case {} {} ms after it was sent",
                        commandId, faulty.id(), port, c.getString("caseNo"), System.currentTimeMillis() - sentAt);
                assertThat(confirmed.getString("note")).as("in the default language, Chinese")
                        .startsWith("断电（" + port + " 号端口）已由读数确认");
                JsonObject data = confirmed.getJsonObject("data");
                assertThat(data.getInteger("attempt")).isEqualTo(1);
                assertThat(data.getDouble("powerW")).isLessThanOrEqualTo(10.0);
            } finally {
                sim.close();
            }
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static void addUser(CasesServer cases, String name, String role, String scope) throws Exception {
        await(cases.users().add(name, role, scope, PASSWORD, null));
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    /** A signed-in person calling the case API. */
    private record Caller(WebClient http, String token) {

        static Caller signIn(WebClient http, String name) throws Exception {
            HttpResponse<Buffer> r = await(http.post("/api/v1/auth/login")
                    .sendJsonObject(new JsonObject().put("name", name).put("password", PASSWORD)));
            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
            return new Caller(http, r.bodyAsJsonObject().getString("token"));
        }

        HttpResponse<Buffer> get(String path) throws Exception {
            return await(http.get(path).bearerTokenAuthentication(token).send());
        }

        HttpResponse<Buffer> act(long id, String action, JsonObject extra) throws Exception {
            JsonObject body = new JsonObject().put("action", action);
            if (extra != null) {
                body.mergeIn(extra);
            }
            return await(http.post("/api/v1/cases/" + id + "/transitions").bearerTokenAuthentication(token)
                    .sendJsonObject(body));
        }

        HttpResponse<Buffer> command(long id, JsonObject body) throws Exception {
            return await(http.post("/api/v1/cases/" + id + "/commands").bearerTokenAuthentication(token)
                    .sendJsonObject(body));
        }

        /** The case's history entry saying the readings confirmed {@code commandId}, or null while there is none. */
        JsonObject confirmation(long id, String commandId) throws Exception {
            return get("/api/v1/cases/" + id).bodyAsJsonObject().getJsonArray("history").stream()
                    .map(o -> (JsonObject) o).filter(e -> "command".equals(e.getString("kind")))
                    .filter(e -> e.getJsonObject("data") != null
                            && "confirmation".equals(e.getJsonObject("data").getString("source"))
                            && "confirmed".equals(e.getJsonObject("data").getString("outcome"))
                            && commandId.equals(e.getJsonObject("data").getString("commandId")))
                    .findFirst().orElse(null);
        }

        List<JsonObject> cases(String alertType) throws Exception {
            JsonArray items = get("/api/v1/cases?limit=100").bodyAsJsonObject().getJsonArray("items");
            return items.stream().map(o -> (JsonObject) o).filter(o -> alertType.equals(o.getString("alertType"))).toList();
        }
    }
}
