package io.anju.dashboards.history;

import io.anju.common.model.CrowdZone;
import io.anju.common.model.DeviceType;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryWriter;
import io.anju.dashboards.run.DashboardsConfig;
import io.anju.dashboards.run.DashboardsServer;
import io.anju.dashboards.run.LiveFactory;
import io.anju.dashboards.session.SessionGuard;
import io.anju.dashboards.session.Viewer;
import io.anju.dashboards.testing.Http;
import io.anju.testsupport.InfluxServer;
import io.anju.dashboards.testing.Places;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * GET /api/crowd/history against a real influxd holding {@code crowd_zone} points as the stream jobs write them:
 * 1-minute means of the asked zone over the asked hours, only for viewers who see the zone; 503 without InfluxDB.
 */
class CrowdHistoryIT {
    @TempDir
    static Path dir;
    static InfluxServer influx;
    static DashboardsServer withHistory;
    static DashboardsServer withoutHistory;
    static Registry registry = Places.registry();
    static CrowdZone zone;
    static CrowdZone otherZone;
    static Instant minute;

    @BeforeAll
    static void start() throws Exception {
        influx = new InfluxServer().start();
        Iterator<CrowdZone> zones = registry.zones().iterator();
        zone = zones.next();
        otherZone = zones.next();
        writePoints();
        Path registryFile = dir.resolve("registry.json");
        RegistryWriter.write(registryFile, registry.document());
        // No Kafka here: without the live part the registry file stays in use (no anju.registry to wait for).
        withHistory = DashboardsServer.start(config(registryFile, influx.url(), influx.credentialsFile().toString()),
                LiveFactory.NONE);
        withoutHistory = DashboardsServer.start(config(registryFile, "", ""), LiveFactory.NONE);
    }

    private static DashboardsConfig config(Path registryFile, String influxUrl, String influxCredentials) {
        Map<String, String> s = new HashMap<>();
        s.put("http.host", "127.0.0.1");
        s.put("http.port", "0");
        s.put("registry.file", registryFile.toString());
        s.put("data.dir", dir.resolve("data").toString());
        s.put("influx.url", influxUrl);
        s.put("influx.credentialsFile", influxCredentials);
        s.put("cases.url", "http://127.0.0.1:9");
        s.put("metrics.gateway", "");
        s.put("metrics.jobs", "");
        s.put("metrics.cases", "");
        return DashboardsConfig.of(s);
    }

    /** Two minutes of the zone (three readings, then one), one reading of another zone, one reading 4 hours ago. */
    private static void writePoints() {
        minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(3));
        try (InfluxDB db = InfluxDBFactory.connect(influx.url(), influx.username(), influx.password())) {
            db.query(new Query("CREATE DATABASE anju"));
            BatchPoints batch = BatchPoints.database("anju").build();
            batch.point(reading(zone, minute.plusSeconds(10), 100));
            batch.point(reading(zone, minute.plusSeconds(20), 200));
            batch.point(reading(zone, minute.plusSeconds(30), 300));
            batch.point(reading(zone, minute.plusSeconds(70), 500));
            batch.point(reading(otherZone, minute.plusSeconds(15), 999));
            batch.point(reading(zone, minute.minus(Duration.ofHours(4)), 50));
            db.write(batch);
        }
    }

    private static Point reading(CrowdZone z, Instant at, int occupancy) {
        return Point.measurement("crowd_zone").time(at.toEpochMilli(), TimeUnit.MILLISECONDS)
                .tag("zone", z.id()).tag("grid", z.gridId())
                .addField("occupancy", occupancy).addField("density", occupancy / z.areaM2())
                .addField("occupancy_share", (double) occupancy / z.capacity())
                .build();
    }

    @AfterAll
    static void stop() {
        if (withHistory != null) {
            withHistory.close();
        }
        if (withoutHistory != null) {
            withoutHistory.close();
        }
        if (influx != null) {
            influx.close();
        }
    }

    @Test
    void anEmergencyManagerGetsOneMinuteMeansOfTheZone() throws Exception {
        String cookie = signedIn(withHistory, emergencyManager());
        HttpResponse<String> r = new Http(withHistory.httpPort())
                .get("/api/crowd/history?zone=" + zone.id() + "&hours=3", cookie);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject body = Http.json(r);
        assertThat(body.getString("zoneId")).isEqualTo(zone.id());
        JsonArray points = body.getJsonArray("points");
        assertThat(points).hasSize(2);
        JsonObject first = points.getJsonObject(0);
        assertThat(Instant.parse(first.getString("t"))).isEqualTo(minute);
        assertThat(first.getDouble("occupancy")).isEqualTo(200.0);
        assertThat(first.getDouble("density")).isCloseTo(200 / zone.areaM2(), within(1e-9));
        assertThat(points.getJsonObject(1).getDouble("occupancy")).isEqualTo(500.0);

        JsonArray longer = Http.json(new Http(withHistory.httpPort())
                .get("/api/crowd/history?zone=" + zone.id() + "&hours=5", cookie)).getJsonArray("points");
        assertThat(longer).as("the reading 4 hours ago is inside 5 hours").hasSize(3);
    }

    @Test
    void theHistoryIsOnlyForViewersOfTheZoneAndForSensibleQuestions() throws Exception {
        Http http = new Http(withHistory.httpPort());
        String path = "/api/crowd/history?zone=" + zone.id();
        assertThat(http.get(path, null).statusCode()).as("not signed in").isEqualTo(401);
        String compound = registry.devicesOfType(DeviceType.CHARGER).get(0).location().compoundId();
        String manager = signedIn(withHistory, new Viewer("pm", Viewer.PROPERTY_MANAGER, Set.of(compound), null, "t"));
        HttpResponse<String> forbidden = http.get(path, manager);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(Http.json(forbidden).getString("error")).isEqualTo("forbidden");

        String em = signedIn(withHistory, emergencyManager());
        assertThat(http.get("/api/crowd/history?zone=no-such-zone", em).statusCode()).isEqualTo(404);
        assertThat(http.get(path + "&hours=0", em).statusCode()).isEqualTo(400);
        assertThat(http.get(path + "&hours=many", em).statusCode()).isEqualTo(400);
        assertThat(http.get("/api/crowd/history", em).statusCode()).isEqualTo(400);
    }

    @Test
    void withoutInfluxTheHistoryIsUnavailable() throws Exception {
        String cookie = signedIn(withoutHistory, emergencyManager());
        HttpResponse<String> r = new Http(withoutHistory.httpPort()).get("/api/crowd/history?zone=" + zone.id(), cookie);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(Http.json(r).getString("error")).isEqualTo("history_unavailable");
        assertThat(Http.json(r).getString("message")).as("in Chinese by default").isEqualTo("暂无历史数据（时序数据库不可用）");
        HttpResponse<String> english = new Http(withoutHistory.httpPort()).send("/api/crowd/history?zone=" + zone.id(),
                b -> b.header("Cookie", cookie).header("Accept-Language", "en"));
        assertThat(Http.json(english).getString("message")).isEqualTo("No history (the time-series database is not available)");
        assertThat(Http.json(english).getString("detail")).isEqualTo("the dashboards run without InfluxDB (influx.url)");
    }

    @Test
    void healthTellsInfluxUpOrOff() throws Exception {
        HttpResponse<String> with = new Http(withHistory.httpPort()).get("/health", null);
        assertThat(Http.json(with).getJsonObject("checks").getString("influx")).isEqualTo("up");
        assertThat(Http.json(with).getJsonObject("checks").getString("cases")).as("no case service here").isEqualTo("down");
        assertThat(with.statusCode()).isEqualTo(503);
        HttpResponse<String> without = new Http(withoutHistory.httpPort()).get("/health", null);
        assertThat(Http.json(without).getJsonObject("checks").getString("influx")).isEqualTo("off");
    }

    private static Viewer emergencyManager() {
        String community = registry.grid(zone.gridId()).orElseThrow().communityId();
        String subDistrict = registry.community(community).orElseThrow().subDistrictId();
        return new Viewer("em", Viewer.EMERGENCY_MANAGER, Set.of(subDistrict), null, "token-not-used");
    }

    private static String signedIn(DashboardsServer server, Viewer viewer) {
        return SessionGuard.COOKIE + "=" + server.sessions().open(viewer, Instant.now().plus(Duration.ofHours(1))).id();
    }
}
