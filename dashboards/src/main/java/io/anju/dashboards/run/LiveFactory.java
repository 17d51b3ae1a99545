package io.anju.dashboards.run;

import io.anju.common.registry.Registry;
import io.anju.dashboards.web.LiveModule;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;

import java.util.function.Supplier;

/** Makes the live part of the dashboards; {@code LiveHub::new} in the running service. */
@FunctionalInterface
public interface LiveFactory {

    /**
     * A factory for a service without live data (no Kafka): every live route is absent, and the registry file stays
     * in use (no {@code anju.registry} to follow).
     */
    LiveFactory NONE = new LiveFactory() {
        @Override
        public LiveModule create(Vertx vertx, Supplier<Registry> registry, DashboardsConfig config,
                                 MeterRegistry metrics) {
            return LiveModule.none();
        }

        @Override
        public boolean readsKafka() {
            return false;
        }
    };

    /** @param registry the registry in use, read when needed (it follows {@code anju.registry}) */
    LiveModule create(Vertx vertx, Supplier<Registry> registry, DashboardsConfig config, MeterRegistry metrics)
            throws Exception;

    /** Whether this live part reads the platform's Kafka: the dashboards then follow {@code anju.registry} there. */
    default boolean readsKafka() {
        return true;
    }
}
