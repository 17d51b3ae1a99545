package io.anju.dashboards.history;

import io.anju.common.registry.Registry;
import io.anju.dashboards.reply.ApiError;
import io.anju.dashboards.reply.JsonReplies;
import io.anju.dashboards.session.SessionGuard;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /api/crowd/history?zone=ID&hours=3}: a zone's history for viewers who see the zone; 503
 * {@code history_unavailable} when the service runs without InfluxDB or InfluxDB does not answer.
 */
public final class CrowdHistoryEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(CrowdHistoryEndpoint.class);
    private static final int DEFAULT_HOURS = 3;

    private final Optional<CrowdHistory> history;
    private final Supplier<Registry> registry;
    private final SessionGuard guard;

    public CrowdHistoryEndpoint(Optional<CrowdHistory> history, Supplier<Registry> registry, SessionGuard guard) {
        this.history = history;
        this.registry = registry;
        this.guard = guard;
    }

    public void handle(RoutingContext ctx) {
        guard.viewer(ctx).onFailure(ctx::fail).onSuccess(viewer -> {
            String zone = ctx.request().getParam("zone");
            if (zone == null || zone.isEmpty()) {
                ctx.fail(ApiError.badRequest("zone is required"));
                return;
            }
            if (registry.get().zone(zone).isEmpty()) {
                ctx.fail(ApiError.notFound("no crowd zone " + zone));
                return;
            }
            if (!guard.scope(viewer).seesZone(zone)) {
                ctx.fail(ApiError.forbidden("zone " + zone + " is outside your scope"));
                return;
            }
            int hours;
            try {
                String h = ctx.request().getParam("hours");
                hours = h == null ? DEFAULT_HOURS : Integer.parseInt(h);
            } catch (NumberFormatException e) {
                hours = -1;
            }
            if (hours < 1 || hours > CrowdHistory.MAX_HOURS) {
                ctx.fail(ApiError.badRequest("hours must be a whole number from 1 to " + CrowdHistory.MAX_HOURS));
                return;
            }
            if (history.isEmpty()) {
                ctx.fail(ApiError.unavailable("history_unavailable", "the dashboards run without InfluxDB (influx.url)"));
                return;
            }
            history.get().zone(zone, hours).onSuccess(points -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("zoneId", zone);
                body.put("points", points);
                JsonReplies.send(ctx, 200, body);
            }).onFailure(e -> {
                LOG.warn("crowd history of {} failed: {}", zone, e.toString());
                ctx.fail(ApiError.unavailable("history_unavailable", "InfluxDB did not answer"));
            });
        });
    }
}
