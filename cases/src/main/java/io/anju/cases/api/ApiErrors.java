package io.anju.cases.api;

import io.anju.cases.auth.AuthenticationFailedException;
import io.anju.cases.commands.CommandRefusedException;
import io.anju.cases.devices.RegistryRulesException;
import io.anju.cases.devices.bulk.ImportRefusedException;
import io.anju.cases.model.CaseException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.ValidatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Map;

/**
 * The one failure handler: every refusal becomes {@code {"error": code, "reason"?, "message", "detail"}} with its
 * status ({@link HttpJson#error}): the message in the request's language, the English specifics as the detail.
 * Contract violations are 400 with the validator's message as detail; refusals of the service keep their kind and
 * reason; anything unexpected is a 500 whose details go to the log under the request id, and only the id goes to the
 * caller.
 */
final class ApiErrors implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    @Override
    public void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof HttpException e && e.getCause() instanceof ValidatorException cause) {
            failure = cause;
        }
        if (failure instanceof CaseException e) {
            HttpJson.error(ctx, e.kind().httpStatus, e.kind().name().toLowerCase(Locale.ROOT), e.reason(), e.getMessage(),
                    e.args());
        } else if (failure instanceof CommandRefusedException e) {
            HttpJson.refusal(ctx, e.status(), e.kind(), ErrorTexts.command(Callers.lang(ctx), e), e.getMessage(),
                    e.details());
        } else if (failure instanceof RegistryRulesException e) {
            HttpJson.error(ctx, 422, "rules_broken", (CaseException.Reason) null, e.getMessage(),
                    Map.<String, Object>of("problems", e.problems()));
        } else if (failure instanceof ImportRefusedException e) {
            HttpJson.error(ctx, 422, "import_refused", (CaseException.Reason) null, e.getMessage(),
                    Map.<String, Object>of("problems", e.problems().stream().map(Object::toString).toList(),
                            "lines", e.problems()));
        } else if (failure instanceof ValidatorException e) {
            HttpJson.error(ctx, 400, "invalid", e.getMessage());
        } else if (failure instanceof AuthenticationFailedException e) {
            unauthorized(ctx, CaseException.Reason.LOGIN_FAILED, e.getMessage());
        } else if (failure instanceof TooManyAttemptsException e) {
            ctx.response().putHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            HttpJson.error(ctx, 429, "too_many_requests", e.getMessage());
        } else if (failure instanceof HttpException e && e.getStatusCode() < 500) {
            LOG.debug("request {} refused with {}", (Object) ctx.get(HttpJson.REQUEST_ID), e.getStatusCode(), e);
            byStatus(ctx, e.getStatusCode());
        } else if (failure == null && ctx.statusCode() > 0 && ctx.statusCode() < 500) {
            byStatus(ctx, ctx.statusCode());
        } else {
            String id = ctx.get(HttpJson.REQUEST_ID);
            LOG.error("request {} {} {} failed", id, ctx.request().method(), ctx.request().path(), failure);
            HttpJson.error(ctx, 500, "internal", "internal error; quote request id " + id + " when reporting it", id);
        }
    }

    private static void byStatus(RoutingContext ctx, int status) {
        switch (status) {
            case 401 -> unauthorized(ctx, null, "a valid bearer token is required (POST /api/v1/auth/login)");
            case 403 -> HttpJson.error(ctx, 403, "forbidden", "not allowed");
            case 404 -> HttpJson.error(ctx, 404, "not_found", "no such resource");
            case 413 -> HttpJson.error(ctx, 413, "too_large", "request body too large");
            default -> HttpJson.error(ctx, status, "invalid", "bad request (HTTP " + status + ")");
        }
    }

    private static void unauthorized(RoutingContext ctx, CaseException.Reason reason, String message) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        HttpJson.error(ctx, 401, "unauthorized", reason, message);
    }
}
