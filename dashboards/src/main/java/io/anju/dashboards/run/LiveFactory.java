package io.anju.dashboards.run;

import io.anju.common.registry.Registry;
import io.anju.dashboards.web.LiveModule;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;

/** Makes the live part of the dashboards; {@code LiveHub::new} in the running service. */
@FunctionalInterface
public interface LiveFactory {

    /** A factory for a service without live data (no Kafka): every live route is absent. */
    LiveFactory NONE = (vertx, registry, config, metrics) -> LiveModule.none();

    LiveModule create(Vertx vertx, Registry registry, DashboardsConfig config, MeterRegistry metrics) throws Exception;
}
