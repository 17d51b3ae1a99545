package io.anju.dashboards.web;

import io.anju.dashboards.ops.OpsMonitor;
import io.anju.dashboards.reply.ApiError;
import io.anju.dashboards.session.SessionGuard;
import io.vertx.ext.web.Router;

import java.util.Map;

/**
 * The live part of the dashboards (Kafka consumers, live state, /api/live and the command endpoints), mounted on the
 * service's router. {@link #mount} is called once, before the static front end is routed; every route it adds must
 * ask {@link SessionGuard} who the caller is and answer only with what {@link SessionGuard#scope} lets them see.
 */
public interface LiveModule extends AutoCloseable {

    /** Adds the live routes. The router already parses JSON bodies under {@code /api} and maps {@link ApiError}s. */
    void mount(Router router, SessionGuard guard);

    /**
     * The operations scraper, handed over once after {@link #mount}: its {@link OpsMonitor#onReport} gives a report
     * every {@code ops.interval} (the {@code ops} events for operators). Ignored by default.
     */
    default void useOps(OpsMonitor ops) {
    }

    /** Health of the live part's dependencies by name (at least {@code kafka}); true = up. */
    Map<String, Boolean> health();

    /** Stops consumers and producers; called once, when the service stops. */
    @Override
    void close();

    /** A live part that serves nothing: the dashboards without Kafka (tests, or a lead still wiring the live part). */
    static LiveModule none() {
        return new LiveModule() {
            @Override
            public void mount(Router router, SessionGuard guard) {
            }

            @Override
            public Map<String, Boolean> health() {
                return Map.of();
            }

            @Override
            public void close() {
            }
        };
    }
}
