package io.anju.dashboards.web;

import io.anju.dashboards.history.CrowdHistory;
import io.anju.dashboards.registry.RegistryInUse;
import io.anju.dashboards.reply.JsonReplies;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /health} → {@code {status, checks: {kafka, cases, influx}, registry: {revision, rejected}}}: each check is
 * {@code up}, {@code down} or {@code off} (not configured). 503 when a configured part is down. A check that takes
 * longer than two seconds is down. {@code registry} tells which revision of {@code anju.registry} is in use (0: the
 * registry file) and how many records were rejected; it never makes the service down, the last good one serves.
 */
public final class HealthEndpoint {
    private static final long CHECK_TIMEOUT_MS = 2_000;

    private final WebClient client;
    private final String casesUrl;
    private final LiveModule live;
    private final Optional<CrowdHistory> history;
    private final RegistryInUse registry;

    public HealthEndpoint(WebClient client, String casesUrl, LiveModule live, Optional<CrowdHistory> history,
                          RegistryInUse registry) {
        this.client = client;
        this.casesUrl = casesUrl;
        this.live = live;
        this.history = history;
        this.registry = registry;
    }

    public void handle(RoutingContext ctx) {
        Boolean kafka = live.health().get("kafka");
        Future<Boolean> cases = client.getAbs(casesUrl + "/health").timeout(CHECK_TIMEOUT_MS).send()
                .map(r -> r.statusCode() == 200).otherwise(false);
        Future<Boolean> influx = history.map(h -> h.ping().otherwise(false)).orElse(Future.succeededFuture(null));
        Future.join(cases, influx).onComplete(done -> {
            Map<String, Object> checks = new LinkedHashMap<>();
            checks.put("kafka", word(kafka));
            checks.put("cases", word(cases.result()));
            checks.put("influx", word(influx.result()));
            boolean up = !checks.containsValue("down");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", up ? "up" : "down");
            body.put("checks", checks);
            Map<String, Object> inUse = new LinkedHashMap<>();
            inUse.put("revision", registry.revision());
            inUse.put("rejected", registry.rejected());
            body.put("registry", inUse);
            JsonReplies.send(ctx, up ? 200 : 503, body);
        });
    }

    private static String word(Boolean check) {
        return check == null ? "off" : check ? "up" : "down";
    }
}
