package io.anju.cases.api;

import io.anju.cases.testing.ApiClient;
import io.anju.cases.access.AccessPolicy;
import io.anju.cases.auth.PasswordHasher;
import io.anju.cases.auth.TokenService;
import io.anju.cases.auth.UserStore;
import io.anju.cases.model.CaseRecord;
import io.anju.cases.model.Principal;
import io.anju.cases.notify.SseHub;
import io.anju.cases.notify.SseSettings;
import io.anju.cases.routing.CategoryTable;
import io.anju.cases.supervise.SupervisionSettings;
import io.anju.cases.text.CaseTexts;
import io.anju.cases.testing.Alerts;
import io.anju.cases.testing.ServiceFixture;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.common.model.LocationChain;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.anju.cases.testing.ApiClient.await;
import static io.anju.cases.testing.ServiceFixture.COMMUNITY_OP;
import static io.anju.cases.testing.ServiceFixture.DISTRICT;
import static io.anju.cases.testing.ServiceFixture.EMERGENCY;
import static io.anju.cases.testing.ServiceFixture.FIRE_DEPT;
import static io.anju.cases.testing.ServiceFixture.OTHER_PROPERTY;
import static io.anju.cases.testing.ServiceFixture.PROPERTY;
import static io.anju.cases.testing.ServiceFixture.PROPERTY_DEPT;
import static io.anju.cases.testing.ServiceFixture.VENDOR;
import static io.anju.cases.testing.ServiceFixture.WORKER;
import static io.anju.cases.testing.TestPlaces.CAMERA;
import static io.anju.cases.testing.TestPlaces.CHARGER;
import static io.anju.cases.testing.TestPlaces.GATE;
import static io.anju.cases.testing.TestPlaces.COMPOUND;
import static io.anju.cases.testing.TestPlaces.COUNTER;
import static io.anju.cases.testing.TestPlaces.NEIGHBOUR_COMPOUND;
import static io.anju.cases.testing.TestPlaces.OTHER_CHARGER;
import static io.anju.cases.testing.TestPlaces.OTHER_COMPOUND;
import static io.anju.cases.testing.TestPlaces.SUB_DISTRICT;
import static io.anju.cases.testing.TestPlaces.ZONE;
import static io.anju.cases.testing.TestPlaces.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who sees and changes what, over the real API: HTTP server, sign-in, the case service on real PostgreSQL. Cases come
 * in as alerts through the service, as the intake delivers them.
 */
class AccessMatrixIT {
    private static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");
    private static final String PASSWORD = "matrix-password-1";

    @TempDir
    static Path dir;

    private static ServiceFixture f;
    private static WebClient client;
    private static HttpServer server;
    private static SseHub hub;
    /** Charger case in compound A (the property manager's), grid gd-01. */
    private static CaseRecord chargerA;
    /** Charger case in compound B, another sub-district. */
    private static CaseRecord chargerB;
    /** Crowd case at the Beiyuanmen zone (sub-district sd-tumen in the test places). */
    private static CaseRecord crowd;
    /** A case in the neighbouring grid gd-02. */
    private static CaseRecord neighbourGrid;
    /** Property's cases in compound A beyond chargers: gate held open, tailgating, e-bike in a lift, charger offline. */
    private static List<CaseRecord> propertysInA;
    /** Gate forced open in compound A: the police's alone. */
    private static CaseRecord gateForcedA;
    /** Gate held open in compound B (sub-district sd-tumen). */
    private static CaseRecord gateHeldB;
    /** The crowd counter of the Beiyuanmen zone gone offline (sd-tumen). */
    private static CaseRecord counterOffline;
    /** Charger B gone offline (sd-tumen): property's, not the street emergency team's. */
    private static CaseRecord chargerOfflineB;
    private static int nextPort = 1;

    @BeforeAll
    static void start() throws Exception {
        f = new ServiceFixture(dir.resolve("pg"), T0, SupervisionSettings.defaults());
        UserStore users = new UserStore(f.vertx, f.pool, new PasswordHasher(1_000));
        for (Principal p : List.of(DISTRICT, COMMUNITY_OP, WORKER, ServiceFixture.NEIGHBOUR_WORKER, PROPERTY,
                OTHER_PROPERTY, EMERGENCY, PROPERTY_DEPT, FIRE_DEPT, VENDOR)) {
            await(users.add(p.name(), p.role().wireName(), String.join(",", p.scope()), PASSWORD, null));
        }
        await(users.add("em.byd", "emergency_manager", SUB_DISTRICT, PASSWORD, null));
        CategoryTable categories = CategoryTable.defaults();
        AccessPolicy access = new AccessPolicy(categories);
        hub = new SseHub(f.vertx, f.pool, access, SseSettings.defaults(), new CaseTexts(() -> null));
        CasesHttp http = new CasesHttp(f.vertx, f.service, users, new TokenService(f.vertx, new byte[32], Duration.ofHours(1)),
                access, categories, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                new HealthChecks(HealthChecks.ping(f.pool), () -> Future.succeededFuture(true)),
                ApiSettings.defaults().withLoginPerSecond(ApiSettings.MAX_LOGIN_PER_SECOND)).events(hub::handle);
        server = await(http.router().compose(r -> f.vertx.createHttpServer().requestHandler(r).listen(0)));
        client = WebClient.create(f.vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.actualPort()));

        chargerA = chargerCaseInCompoundA();
        chargerB = await(f.service.applyAlert(Alerts.of(AlertType.STATION_OVERLOAD, Severity.ORANGE, SourceKind.DEVICE,
                OTHER_CHARGER, OTHER_CHARGER, at(OTHER_COMPOUND), T0)));
        crowd = await(f.service.applyAlert(Alerts.of(AlertType.CROWD_DENSITY, Severity.ORANGE, SourceKind.ZONE, ZONE,
                COUNTER, at(ZONE), T0)));
        neighbourGrid = await(f.service.applyAlert(Alerts.of(AlertType.EBIKE_IN_ELEVATOR, Severity.YELLOW,
                SourceKind.DEVICE, CAMERA, CAMERA, at(NEIGHBOUR_COMPOUND), T0)));

        propertysInA = List.of(
                alert(AlertType.GATE_HELD_OPEN, SourceKind.DEVICE, GATE, GATE, at(COMPOUND)),
                alert(AlertType.GATE_TAILGATING, SourceKind.DEVICE, GATE, GATE, at(COMPOUND)),
                alert(AlertType.EBIKE_IN_ELEVATOR, SourceKind.BUILDING, COMPOUND + "/b1", null, at(COMPOUND)),
                alert(AlertType.DEVICE_OFFLINE, SourceKind.DEVICE, CHARGER, CHARGER, null));
        gateForcedA = alert(AlertType.GATE_FORCED_OPEN, SourceKind.DEVICE, GATE, GATE, at(COMPOUND));
        gateHeldB = alert(AlertType.GATE_HELD_OPEN, SourceKind.COMPOUND, OTHER_COMPOUND, null, at(OTHER_COMPOUND));
        counterOffline = alert(AlertType.DEVICE_OFFLINE, SourceKind.DEVICE, COUNTER, COUNTER, null);
        chargerOfflineB = alert(AlertType.DEVICE_OFFLINE, SourceKind.DEVICE, OTHER_CHARGER, OTHER_CHARGER, null);
    }

    private static CaseRecord alert(AlertType type, SourceKind kind, String sourceId, String deviceId,
                                    LocationChain where) throws Exception {
        return await(f.service.applyAlert(Alerts.of(type, Severity.YELLOW, kind, sourceId, deviceId, where, T0)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
        if (f != null) {
            f.close();
        }
    }

    private static CaseRecord chargerCaseInCompoundA() throws Exception {
        return await(f.service.applyAlert(Alerts.portOverload(nextPort++, Severity.YELLOW, AlertStatus.RAISED, 1, T0)));
    }

    private static ApiClient as(Principal p) throws Exception {
        return ApiClient.signIn(client, p.name(), PASSWORD);
    }

    private static List<Long> visibleIds(ApiClient caller) throws Exception {
        HttpResponse<Buffer> list = caller.get("/api/v1/cases?limit=500");
        assertThat(list.statusCode()).as(list.bodyAsString()).isEqualTo(200);
        JsonArray items = list.bodyAsJsonObject().getJsonArray("items");
        return items.stream().map(o -> ((JsonObject) o).getLong("id")).toList();
    }

    @Test
    void aPropertyManagerNeitherSeesNorChangesAnotherCompoundsCaseAndSeesNoCrowdCases() throws Exception {
        ApiClient pm = as(PROPERTY);

        assertThat(visibleIds(pm)).contains(chargerA.id()).doesNotContain(chargerB.id(), crowd.id(), neighbourGrid.id());
        assertThat(pm.get("/api/v1/cases/" + chargerB.id()).statusCode()).isEqualTo(404);
        assertThat(pm.act(chargerB.id(), "verify").statusCode()).isEqualTo(404);
        assertThat(pm.post("/api/v1/cases/" + chargerB.id() + "/comments", new JsonObject().put("text", "mine?"))
                .statusCode()).isEqualTo(404);
        assertThat(pm.get("/api/v1/cases/" + crowd.id()).statusCode()).isEqualTo(404);

        JsonObject own = pm.get("/api/v1/cases/" + chargerA.id()).bodyAsJsonObject();
        assertThat(own.getJsonObject("case").getString("state")).isEqualTo("collected");
        assertThat(own.getJsonArray("allowedActions").getList()).containsExactly("verify");
        assertThat(own.getJsonArray("history").size()).isGreaterThanOrEqualTo(1);

        ApiClient otherPm = as(OTHER_PROPERTY);
        assertThat(visibleIds(otherPm)).contains(chargerB.id()).doesNotContain(chargerA.id());
    }

    @Test
    void aPropertyManagerSeesAndActsOnEveryCaseOfTheirCompoundsThatPropertyHandles() throws Exception {
        ApiClient pm = as(PROPERTY);
        List<Long> seen = visibleIds(pm);

        assertThat(propertysInA).extracting(CaseRecord::categoryCode).containsExactly("04-02", "04-03", "01-02", "02-06");
        assertThat(seen).containsAll(propertysInA.stream().map(CaseRecord::id).toList())
                .doesNotContain(gateForcedA.id(), gateHeldB.id(), counterOffline.id(), chargerOfflineB.id());
        for (CaseRecord c : propertysInA) {
            JsonObject detail = pm.get("/api/v1/cases/" + c.id()).bodyAsJsonObject();
            assertThat(detail.getJsonArray("allowedActions").getList()).as(c.categoryCode()).containsExactly("verify");
        }
        HttpResponse<Buffer> acknowledged = pm.act(propertysInA.get(0).id(), "verify");
        assertThat(acknowledged.statusCode()).as(acknowledged.bodyAsString()).isEqualTo(200);
        assertThat(acknowledged.bodyAsJsonObject().getString("state")).isEqualTo("verified");

        assertThat(pm.get("/api/v1/cases/" + gateForcedA.id()).statusCode()).as("police only, own compound")
                .isEqualTo(404);
        assertThat(pm.act(gateForcedA.id(), "verify").statusCode()).isEqualTo(404);
        assertThat(pm.get("/api/v1/cases/" + gateHeldB.id()).statusCode()).as("another compound").isEqualTo(404);
        assertThat(visibleIds(as(OTHER_PROPERTY))).contains(gateHeldB.id(), chargerOfflineB.id())
                .doesNotContain(propertysInA.get(0).id());
    }

    @Test
    void anEmergencyManagerSeesTheirStreetsCrowdCounterGoOfflineButNotAChargerThere() throws Exception {
        ApiClient em = as(EMERGENCY);

        assertThat(counterOffline.categoryCode()).isEqualTo("03-04");
        assertThat(counterOffline.department()).isEqualTo("street_emergency");
        assertThat(chargerOfflineB.location().subDistrictId()).isEqualTo(counterOffline.location().subDistrictId());
        assertThat(visibleIds(em)).contains(counterOffline.id()).doesNotContain(chargerOfflineB.id(), gateHeldB.id());
        assertThat(em.get("/api/v1/cases/" + chargerOfflineB.id()).statusCode()).isEqualTo(404);
        HttpResponse<Buffer> acknowledged = em.act(counterOffline.id(), "verify");
        assertThat(acknowledged.statusCode()).as(acknowledged.bodyAsString()).isEqualTo(200);

        ApiClient otherStreet = as(new Principal("em.byd", EMERGENCY.role(), Set.of(SUB_DISTRICT)));
        assertThat(otherStreet.get("/api/v1/cases/" + counterOffline.id()).statusCode()).isEqualTo(404);
    }

    @Test
    void aSupportingDepartmentSeesACaseFromDispatchNotBefore() throws Exception {
        CaseRecord lift = alert(AlertType.EBIKE_IN_ELEVATOR, SourceKind.BUILDING, COMPOUND + "/b7", null, at(COMPOUND));
        assertThat(lift.department()).isEqualTo("property");
        ApiClient fireDept = as(FIRE_DEPT);
        assertThat(visibleIds(fireDept)).as("fire supports 01-02, but nothing is dispatched yet")
                .doesNotContain(lift.id());
        assertThat(fireDept.get("/api/v1/cases/" + lift.id()).statusCode()).isEqualTo(404);

        ApiClient district = as(DISTRICT);
        assertThat(district.act(lift.id(), "verify").statusCode()).isEqualTo(200);
        assertThat(district.act(lift.id(), "analyse").statusCode()).isEqualTo(200);
        assertThat(fireDept.get("/api/v1/cases/" + lift.id()).statusCode()).as("analysed, not dispatched").isEqualTo(404);
        HttpResponse<Buffer> dispatched = district.act(lift.id(), "dispatch");
        assertThat(dispatched.statusCode()).as(dispatched.bodyAsString()).isEqualTo(200);

        assertThat(visibleIds(fireDept)).contains(lift.id());
        JsonObject detail = fireDept.get("/api/v1/cases/" + lift.id()).bodyAsJsonObject();
        assertThat(detail.getJsonObject("case").getString("department")).isEqualTo("property");
        assertThat(detail.getJsonArray("allowedActions").getList()).containsExactly("start");
        assertThat(visibleIds(fireDept)).as("no support for gates").doesNotContain(gateForcedA.id());
    }

    @Test
    void aGridWorkerCannotActOutsideTheirGrid() throws Exception {
        ApiClient worker = as(WORKER);

        assertThat(visibleIds(worker)).contains(chargerA.id()).doesNotContain(neighbourGrid.id(), chargerB.id(), crowd.id());
        HttpResponse<Buffer> verifyOther = worker.act(neighbourGrid.id(), "verify");
        assertThat(verifyOther.statusCode()).isEqualTo(404);
        assertThat(verifyOther.bodyAsJsonObject().getString("error")).isEqualTo("not_found");
        assertThat(worker.post("/api/v1/cases/" + neighbourGrid.id() + "/assignment",
                new JsonObject().put("assignee", WORKER.name())).statusCode()).isEqualTo(404);
        assertThat(worker.post("/api/v1/cases", new JsonObject().put("origin", "grid_report").put("title", "blocked exit")
                .put("categoryCode", "05-01").put("severity", "yellow").put("compoundId", NEIGHBOUR_COMPOUND))
                .statusCode()).as("filing in another grid").isEqualTo(403);

        CaseRecord own = chargerCaseInCompoundA();
        HttpResponse<Buffer> verified = worker.act(own.id(), "verify");
        assertThat(verified.statusCode()).as(verified.bodyAsString()).isEqualTo(200);
        assertThat(verified.bodyAsJsonObject().getString("state")).isEqualTo("verified");
    }

    @Test
    void aGridWorkerCannotDispatchAndIsToldWhatTheyMayDo() throws Exception {
        CaseRecord c = chargerCaseInCompoundA();
        ApiClient worker = as(WORKER);
        ApiClient district = as(DISTRICT);
        assertThat(worker.act(c.id(), "verify").statusCode()).isEqualTo(200);
        assertThat(district.act(c.id(), "analyse").statusCode()).isEqualTo(200);

        HttpResponse<Buffer> dispatch = worker.act(c.id(), "dispatch");

        assertThat(dispatch.statusCode()).isEqualTo(403);
        assertThat(dispatch.bodyAsJsonObject().getString("error")).isEqualTo("forbidden");
        assertThat(dispatch.bodyAsJsonObject().getString("detail"))
                .contains("grid_worker may not dispatch").contains("verify", "start", "submit_feedback");
        assertThat(dispatch.bodyAsJsonObject().getString("message")).isEqualTo("网格员无权派遣案件");
        assertThat(worker.get("/api/v1/cases/" + c.id()).bodyAsJsonObject().getJsonArray("allowedActions").getList())
                .as("analysed: only the centre moves it on, a grid worker may still void it").containsExactly("void");
    }

    @Test
    void anEmergencyManagerSeesOnlyTheStreetTeamsCasesOfTheirSubDistrict() throws Exception {
        assertThat(visibleIds(as(EMERGENCY))).containsExactlyInAnyOrder(crowd.id(), counterOffline.id());
        assertThat(visibleIds(as(new Principal("em.byd", EMERGENCY.role(), Set.of(SUB_DISTRICT))))).isEmpty();
        assertThat(as(EMERGENCY).get("/api/v1/cases/" + chargerB.id()).statusCode())
                .as("a charger case of the same sub-district").isEqualTo(404);
    }

    @Test
    void aDepartmentResponderSeesOnlyCasesDispatchedToTheirDepartment() throws Exception {
        CaseRecord c = chargerCaseInCompoundA();
        ApiClient propertyDept = as(PROPERTY_DEPT);
        ApiClient fireDept = as(FIRE_DEPT);
        assertThat(visibleIds(propertyDept)).as("nothing before dispatch").doesNotContain(c.id());

        ApiClient district = as(DISTRICT);
        assertThat(district.act(c.id(), "verify").statusCode()).isEqualTo(200);
        assertThat(district.act(c.id(), "analyse").statusCode()).isEqualTo(200);
        HttpResponse<Buffer> dispatched = district.act(c.id(), "dispatch");
        assertThat(dispatched.statusCode()).as(dispatched.bodyAsString()).isEqualTo(200);
        assertThat(dispatched.bodyAsJsonObject().getString("department")).isEqualTo("property");

        assertThat(visibleIds(propertyDept)).contains(c.id()).doesNotContain(chargerA.id(), crowd.id());
        assertThat(propertyDept.get("/api/v1/cases/" + c.id()).bodyAsJsonObject().getJsonArray("allowedActions")
                .getList()).containsExactly("start");
        assertThat(visibleIds(fireDept)).doesNotContain(c.id());
        assertThat(fireDept.act(c.id(), "start").statusCode()).isEqualTo(404);
        assertThat(propertyDept.act(c.id(), "start").statusCode()).isEqualTo(200);
    }

    @Test
    void aCommunityOperatorCannotReadAnotherCommunitysCase() throws Exception {
        ApiClient operator = as(COMMUNITY_OP);

        assertThat(operator.get("/api/v1/cases/" + chargerB.id()).statusCode()).isEqualTo(404);
        assertThat(operator.get("/api/v1/cases/" + crowd.id()).statusCode()).isEqualTo(404);
        assertThat(operator.get("/api/v1/cases/" + neighbourGrid.id()).statusCode()).as("same community").isEqualTo(200);
        assertThat(visibleIds(operator)).contains(chargerA.id(), neighbourGrid.id()).doesNotContain(chargerB.id(), crowd.id());
        assertThat(operator.get("/api/v1/cases?communityId=cm-02").bodyAsJsonObject().getJsonArray("items"))
                .as("a filter cannot widen the scope").isEmpty();
    }

    @Test
    void aVendorSeesNoCaseAndMayNeitherActReportNorReadKpis() throws Exception {
        ApiClient vendor = as(VENDOR);
        assertThat(visibleIds(vendor)).isEmpty();
        for (CaseRecord c : List.of(chargerA, chargerB, crowd, gateForcedA)) {
            assertThat(vendor.get("/api/v1/cases/" + c.id()).statusCode()).isEqualTo(404);
            assertThat(vendor.act(c.id(), "verify").statusCode()).isEqualTo(404);
        }
        assertThat(vendor.post("/api/v1/cases", new JsonObject().put("origin", "grid_report").put("title", "my charger")
                .put("categoryCode", "05-01").put("severity", "yellow").put("compoundId", COMPOUND))
                .statusCode()).isEqualTo(403);
        assertThat(vendor.get("/api/v1/kpis?groupBy=grid&from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z")
                .statusCode()).isEqualTo(403);
    }

    @Test
    void kpisAreForCentreOperatorsOnly() throws Exception {
        String query = "/api/v1/kpis?groupBy=grid&from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z";
        assertThat(as(DISTRICT).get(query).statusCode()).isEqualTo(200);
        assertThat(as(WORKER).get(query).statusCode()).isEqualTo(403);
        assertThat(as(PROPERTY).get(query).statusCode()).isEqualTo(403);
        assertThat(as(EMERGENCY).get(query).statusCode()).isEqualTo(403);
        assertThat(as(DISTRICT).get("/api/v1/kpis?groupBy=grid&from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z")
                .statusCode()).as("from after to").isEqualTo(400);
    }

    @Test
    void theEventStreamNeedsATokenAndOpensForASignedInCaller() throws Exception {
        var http = f.vertx.createHttpClient();
        try {
            HttpClientResponse anonymous = await(http.request(HttpMethod.GET, server.actualPort(), "127.0.0.1",
                    "/api/v1/events").compose(req -> req.send()));
            assertThat(anonymous.statusCode()).isEqualTo(401);

            String token = await(client.post("/api/v1/auth/login").sendJsonObject(new JsonObject()
                    .put("name", WORKER.name()).put("password", PASSWORD))).bodyAsJsonObject().getString("token");
            Promise<Buffer> first = Promise.promise();
            HttpClientResponse stream = await(http.request(HttpMethod.GET, server.actualPort(), "127.0.0.1",
                    "/api/v1/events").compose(req -> req.putHeader("Authorization", "Bearer " + token).send())
                    .onSuccess(response -> response.handler(first::tryComplete)));
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.getHeader("Content-Type")).startsWith("text/event-stream");
            assertThat(await(first.future()).toString()).startsWith("retry:");
        } finally {
            await(http.close());
        }
    }

    @Test
    void reportsCommentsAssignmentsAndFiltersWorkForTheRightPeople() throws Exception {
        ApiClient worker = as(WORKER);
        HttpResponse<Buffer> filed = worker.post("/api/v1/cases", new JsonObject().put("origin", "grid_report")
                .put("title", "charger cable across the path").put("categoryCode", "05-01").put("severity", "yellow")
                .put("compoundId", COMPOUND)
                .put("attachments", new JsonArray().add("photo-7")));
        assertThat(filed.statusCode()).as(filed.bodyAsString()).isEqualTo(201);
        long id = filed.bodyAsJsonObject().getLong("id");
        assertThat(filed.bodyAsJsonObject().getString("origin")).isEqualTo("grid_report");

        HttpResponse<Buffer> comment = worker.post("/api/v1/cases/" + id + "/comments",
                new JsonObject().put("text", "cable taped down for now").put("attachments", new JsonArray().add("photo-8")));
        assertThat(comment.statusCode()).as(comment.bodyAsString()).isEqualTo(201);
        assertThat(comment.bodyAsJsonObject().getString("kind")).isEqualTo("comment");
        assertThat(comment.bodyAsJsonObject().getString("actor")).isEqualTo(WORKER.name());

        HttpResponse<Buffer> assigned = as(COMMUNITY_OP).post("/api/v1/cases/" + id + "/assignment",
                new JsonObject().put("assignee", WORKER.name()).put("note", "yours"));
        assertThat(assigned.statusCode()).as(assigned.bodyAsString()).isEqualTo(200);
        assertThat(assigned.bodyAsJsonObject().getString("assignee")).isEqualTo(WORKER.name());

        JsonObject page = worker.get("/api/v1/cases?state=collected&state=verified&category=05-01&limit=5")
                .bodyAsJsonObject();
        assertThat(page.getInteger("limit")).isEqualTo(5);
        assertThat(page.getJsonArray("items").stream().map(o -> ((JsonObject) o).getLong("id")).toList()).contains(id);
        assertThat(worker.get("/api/v1/cases?state=closed&category=05-01").bodyAsJsonObject().getJsonArray("items"))
                .isEmpty();

        JsonArray categories = worker.get("/api/v1/categories").bodyAsJsonArray();
        JsonObject portOverload = categories.stream().map(o -> (JsonObject) o)
                .filter(c -> c.getJsonArray("alertTypes").contains("port_overload")).findFirst().orElseThrow();
        assertThat(portOverload.getString("department")).isEqualTo("property");
        assertThat(portOverload.getJsonObject("handleWithin").getString("red")).startsWith("PT");
    }
}
