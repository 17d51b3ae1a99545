package io.anju.dashboards.web;

import io.anju.dashboards.session.SessionGuard;
import io.vertx.ext.web.Router;

import java.util.Map;

/** The live part of the dashboards (Kafka → live state → HTTP and server-sent events), mounted on the service's router. */
public interface LiveModule extends AutoCloseable {

    /** Adds the live routes; every one of them answers only for a signed-in viewer and only within their scope. */
    void mount(Router router, SessionGuard guard);

    /** Named checks for {@code /health}, true when fine. */
    Map<String, Boolean> health();
}
