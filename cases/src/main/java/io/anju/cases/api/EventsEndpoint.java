package io.anju.cases.api;

import io.anju.cases.model.Principal;
import io.vertx.ext.web.RoutingContext;

/** Serves GET /api/v1/events (server-sent events) for a signed-in caller; the notify module's SSE hub fits it. */
@FunctionalInterface
public interface EventsEndpoint {

    void handle(RoutingContext ctx, Principal who);
}
