package io.anju.dashboards.web;

import io.anju.dashboards.reply.ApiError;
import io.anju.dashboards.session.SessionGuard;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * {@code /api/cases…}, {@code /api/kpis} and the device reads ({@code /api/devices}, {@code /api/devices/{id}} and its
 * {@code /twin} and {@code /diagnostics}) forwarded to the case service's {@code /api/v1/…} with the viewer's
 * token and {@code Accept-Language} (the UI's language): the case service decides scope and permissions and the
 * language of its texts, and its answers (status, JSON body) pass through unchanged.
 */
public final class CasesProxy {
    private static final Logger LOG = LoggerFactory.getLogger(CasesProxy.class);
    /**
     * Only the case, KPI and device resources are forwarded: plain path segments, nothing encoded (a device id may hold
     * dots, never be one or two of them). The router sends only reads of the device resources here.
     */
    private static final Pattern FORWARDED = Pattern.compile("/api/(cases(/[A-Za-z0-9_-]{1,64}){0,3}|kpis"
            + "|devices(/(?!\\.{1,2}(/|$))[A-Za-z0-9_.-]{1,64}(/(twin|diagnostics))?)?)");

    private final WebClient client;
    private final String casesUrl;
    private final SessionGuard guard;
    private final long timeoutMs;

    public CasesProxy(WebClient client, String casesUrl, SessionGuard guard, Duration timeout) {
        this.client = client;
        this.casesUrl = casesUrl;
        this.guard = guard;
        this.timeoutMs = timeout.toMillis();
    }

    public void handle(RoutingContext ctx) {
        guard.viewer(ctx).onFailure(ctx::fail).onSuccess(viewer -> {
            String path = ctx.normalizedPath();
            if (!FORWARDED.matcher(path).matches()) {
                ctx.fail(ApiError.notFound("no such case API: " + path));
                return;
            }
            String query = ctx.request().query();
            String target = casesUrl + "/api/v1/" + path.substring("/api/".length()) + (query == null ? "" : "?" + query);
            HttpMethod method = ctx.request().method();
            HttpRequest<Buffer> request = client.requestAbs(method, target).timeout(timeoutMs)
                    .putHeader("Authorization", "Bearer " + viewer.token())
                    .putHeader("Accept", "application/json");
            // The case service answers titles, history and error messages in the viewer's language.
            String language = ctx.request().getHeader("Accept-Language");
            if (language != null) {
                request.putHeader("Accept-Language", language);
            }
            Buffer body = ctx.body().buffer();
            boolean withBody = body != null && body.length() > 0;
            if (withBody) {
                request.putHeader("Content-Type", ctx.request().getHeader("Content-Type") == null
                        ? "application/json" : ctx.request().getHeader("Content-Type"));
            }
            (withBody ? request.sendBuffer(body) : request.send()).onSuccess(answer -> {
                ctx.response().setStatusCode(answer.statusCode()).putHeader("Cache-Control", "no-store");
                String type = answer.getHeader("Content-Type");
                if (type != null) {
                    ctx.response().putHeader("Content-Type", type);
                }
                Buffer reply = answer.body();
                ctx.response().end(reply == null ? Buffer.buffer() : reply);
            }).onFailure(e -> {
                LOG.warn("case service did not answer {} {}: {}", method, path, e.toString());
                ctx.fail(new ApiError(502, "cases_unavailable", "the case service does not answer"));
            });
        });
    }
}
