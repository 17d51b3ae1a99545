package io.anju.dashboards.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertFact;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.common.json.Json;
import io.anju.common.model.Channel;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.Envelope;
import io.anju.common.registry.Registry;
import io.anju.dashboards.session.ScopeView;
import io.anju.dashboards.session.SessionGuard;
import io.anju.dashboards.session.SessionStore;
import io.anju.dashboards.session.Viewer;
import io.anju.registry.generate.GeneratorOptions;
import io.anju.registry.generate.RegistryGenerator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static java.util.concurrent.TimeUnit.SECONDS;

/** A generated registry and records shaped as the gateway and the alerting job write them. */
final class LiveFixtures {
    static final Registry REGISTRY =
            new Registry(RegistryGenerator.generate(new GeneratorOptions(2025, true)).document());

    /** The staleness settings the unit tests' live state runs with ({@code live.staleAfter}, the crowd's). */
    static final Duration STALE_AFTER = Duration.ofMinutes(5);
    static final Duration CROWD_STALE_AFTER = Duration.ofSeconds(30);
    /** When the unit tests' hand clock starts. */
    static final Instant START = Instant.parse("2026-10-01T11:00:00Z");

    private LiveFixtures() {
    }

    /** A live state over {@link #REGISTRY} with the tests' staleness settings. */
    static LiveState liveState(Path blobs, Clock clock) {
        return new LiveState(() -> REGISTRY, blobs, STALE_AFTER, CROWD_STALE_AFTER, clock);
    }

    static Device crowdCounter(int index) {
        return REGISTRY.devicesOfType(DeviceType.CROWD).get(index);
    }

    static CrowdZone zoneOf(Device counter) {
        return REGISTRY.zone(counter.location().zoneId()).orElseThrow();
    }

    /** Chargers of two different compounds: {@code [0]} of compound A, {@code [1]} of compound B. */
    static List<Device> chargersOfTwoCompounds() {
        List<Device> chargers = REGISTRY.devicesOfType(DeviceType.CHARGER);
        Device a = chargers.get(0);
        Device b = chargers.stream().filter(d -> !d.location().compoundId().equals(a.location().compoundId()))
                .findFirst().orElseThrow();
        return List.of(a, b);
    }

    static Viewer viewer(String name, String role, String... scope) {
        return new Viewer(name, role, Set.of(scope), name, "token-" + name);
    }

    static ScopeView scope(Viewer v) {
        return new ScopeView(() -> REGISTRY, v);
    }

    static ScopeView district() {
        return scope(viewer("ops", Viewer.DISTRICT_OPERATOR, "*"));
    }

    static Envelope envelope(Device d, Channel channel, long ts, long receivedAt, JsonNode payload) {
        return new Envelope(d.id(), d.type(), channel, ts, 1, receivedAt, "gw-1", false, d.location(), payload);
    }

    static Envelope crowd(Device counter, long ts, int count, int in, int out) {
        ObjectNode p = Json.mapper().createObjectNode();
        p.put("ts", ts).put("seq", 1).put("count", count).put("inCount", in).put("outCount", out).put("intervalS", 10);
        return envelope(counter, Channel.TELEMETRY, ts, ts + 50, p);
    }

    /** Telemetry with port 1 charging at {@code powerW} and the others idle. */
    static Envelope charger(Device station, long ts, double powerW, double tempC) {
        ObjectNode p = Json.mapper().createObjectNode();
        p.put("ts", ts).put("seq", 1).put("mainsV", 228.4).put("smoke", false).put("leakageMa", 3.2);
        ArrayNode ports = p.putArray("ports");
        for (int no = 1; no <= station.charger().ports(); no++) {
            ports.addObject().put("no", no).put("state", no == 1 ? "charging" : "idle")
                    .put("powerW", no == 1 ? powerW : 0).put("tempC", no == 1 ? tempC : 24.0);
        }
        return envelope(station, Channel.TELEMETRY, ts, ts + 50, p);
    }

    static Envelope status(Device d, long ts, String state) {
        ObjectNode p = Json.mapper().createObjectNode();
        p.put("ts", ts).put("seq", 1).put("state", state);
        return envelope(d, Channel.STATUS, ts, ts + 50, p);
    }

    static Alert zoneAlert(AlertType type, CrowdZone zone, Device counter, Severity severity, AlertStatus status,
                           int revision, long first, long ts, List<Evidence> evidence) {
        String key = Alert.dedupKey(type, zone.id());
        return new Alert(Alert.idFor(key, first), key, type, severity, status, revision, SourceKind.ZONE,
                zone.id(), null, null, counter.location(), first, ts, ts + 100, "zone " + zone.name(),
                "restrict_entry", evidence);
    }

    static Alert portAlert(Device station, int port, Severity severity, AlertStatus status, int revision, long first,
                           long ts) {
        String key = Alert.dedupKey(AlertType.PORT_OVERLOAD, Alert.portSourceId(station.id(), port));
        return new Alert(Alert.idFor(key, first), key, AlertType.PORT_OVERLOAD, severity, status, revision,
                SourceKind.PORT, Alert.portSourceId(station.id(), port), station.id(), port, station.location(), first,
                ts, ts + 100, "port " + port + " over its limit", "stop_port",
                List.of(Evidence.portReading(ts, station.id(), port, "powerW", 1132.0, "W")));
    }

    /** The same revision with the facts its detector writes ({@code powerW} against the port limit, {@code overForS}). */
    static Alert withOverloadFacts(Alert a) {
        return new Alert(a.id(), a.dedupKey(), a.type(), a.severity(), a.status(), a.revision(), a.sourceKind(),
                a.sourceId(), a.deviceId(), a.port(), a.location(), a.firstEventTs(), a.lastEventTs(), a.emittedAt(),
                a.summary(), a.recommendedAction(), a.evidence(),
                List.of(AlertFact.against("powerW", 1132, "W", 1000), AlertFact.figure("overForS", 30, "s")));
    }

    /** A producer of raw records to the broker at {@code bootstrap}, with {@code extra} settings (a transactional id). */
    static KafkaProducer<byte[], byte[]> producer(String bootstrap, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(extra);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(props);
    }

    static JsonNode tree(String json) {
        try {
            return Json.tree(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** The station of that device in a {@code GET /api/chargers} answer. */
    static JsonNode stationIn(String json, String deviceId) {
        for (JsonNode s : tree(json)) {
            if (s.path("deviceId").asText().equals(deviceId)) {
                return s;
            }
        }
        throw new AssertionError("station " + deviceId + " not in " + json);
    }

    /**
     * A started live hub serving its routes on a port of its own on 127.0.0.1, behind the dashboards' session guard
     * (sessions from {@code sessions}, never rechecked), as the ITs reach it over HTTP.
     */
    record ServedHub(Vertx vertx, LiveHub hub, HttpServer server) implements AutoCloseable {

        static ServedHub start(Supplier<Registry> registry, SessionStore sessions, LiveSettings settings)
                throws Exception {
            Vertx vertx = Vertx.vertx();
            LiveHub hub = null;
            try {
                hub = new LiveHub(vertx, registry, settings, new SimpleMeterRegistry());
                hub.start();
                Router router = Router.router(vertx);
                hub.mount(router, new SessionGuard(registry, sessions, SessionGuard.Recheck.never()));
                HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                        .toCompletionStage().toCompletableFuture().get(10, SECONDS);
                return new ServedHub(vertx, hub, server);
            } catch (Exception | Error e) {
                new ServedHub(vertx, hub, null).close();
                throw e;
            }
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.actualPort() + path;
        }

        @Override
        public void close() throws Exception {
            if (server != null) {
                server.close().toCompletionStage().toCompletableFuture().get(10, SECONDS);
            }
            if (hub != null) {
                hub.close();
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(10, SECONDS);
        }
    }

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        private volatile Instant now;

        HandClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
