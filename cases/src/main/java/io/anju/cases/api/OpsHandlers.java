package io.anju.cases.api;

import io.anju.common.http.MetricsAccess;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * GET /health, GET /metrics and GET /openapi.yaml: for operators and tools, without sign-in. The metrics go only to
 * callers that {@link MetricsAccess} lets in (this host, or the holders of {@code metrics.token}).
 */
final class OpsHandlers {
    /** A check that has not answered by then counts as down: a health probe must answer quickly. */
    private static final long CHECK_TIMEOUT_MS = 2_000;

    private final PrometheusMeterRegistry metrics;
    private final HealthChecks health;
    private final String contract;
    private final Supplier<MetricsAccess> metricsAccess;

    OpsHandlers(PrometheusMeterRegistry metrics, HealthChecks health, String contractText,
                Supplier<MetricsAccess> metricsAccess) {
        this.metrics = metrics;
        this.health = health;
        this.contract = contractText;
        this.metricsAccess = metricsAccess;
    }

    void health(RoutingContext ctx) {
        Future<Boolean> database = check(health.database());
        Future<Boolean> intake = check(health.intake());
        Future<Boolean> commands = check(health.commands());
        Future<Boolean> kafka = check(health.kafka());
        Future<Boolean> registry = check(health.registry());
        Future<Boolean> diagnostics = check(health.diagnostics());
        Future<Boolean> twin = check(health.twin());
        Future.join(List.of(database, intake, commands, kafka, registry, diagnostics, twin)).onComplete(done -> {
            boolean up = database.result() && intake.result() && commands.result() && kafka.result()
                    && registry.result() && diagnostics.result() && twin.result();
            Map<String, Object> checks = new LinkedHashMap<>();
            checks.put("database", database.result() ? "up" : "down");
            checks.put("intake", intake.result() ? "up" : "down");
            checks.put("commands", commands.result() ? "up" : "down");
            checks.put("kafka", kafka.result() ? "up" : "down");
            checks.put("registry", registry.result() ? "up" : "down");
            checks.put("diagnostics", diagnostics.result() ? "up" : "down");
            checks.put("twin", twin.result() ? "up" : "down");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", up ? "up" : "down");
            body.put("checks", checks);
            HttpJson.send(ctx, up ? 200 : 503, body);
        });
    }

    void metrics(RoutingContext ctx) {
        String caller = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
        Optional<String> refused = metricsAccess.get().refusal(caller, ctx.request().getHeader("Authorization"));
        if (refused.isPresent()) {
            HttpJson.error(ctx, 403, "forbidden", refused.get());
            return;
        }
        ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape());
    }

    void openapi(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(contract);
    }

    private static Future<Boolean> check(Supplier<Future<Boolean>> check) {
        Future<Boolean> answer;
        try {
            answer = check.get();
        } catch (RuntimeException e) {
            return Future.succeededFuture(false);
        }
        return answer.timeout(CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .map(Boolean.TRUE::equals)
                .otherwise(false);
    }
}
