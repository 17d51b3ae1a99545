package io.anju.gateway.mqtt.connection;

import io.anju.gateway.auth.Authenticator;
import io.anju.gateway.diagnostics.Diagnostics;
import io.anju.gateway.ingest.Ingest;
import io.anju.gateway.metrics.GatewayMetrics;
import io.anju.gateway.mqtt.reply.ReasonStrings;
import io.anju.gateway.protect.FlappingGuard;
import io.anju.gateway.session.SessionRegistry;

import java.util.function.LongSupplier;

/**
 * What every device connection shares: limits, authentication, the ingest seam, the session registry, metrics and
 * the flapping guard; the MQTT 5 reason strings and the diagnostic stream. {@code receiveClock} stamps receive times (Unix ms: the wall clock, or a simulation's clock when
 * a simulated district runs faster than real time); {@code nanoClock} drives rate limits.
 */
public record MqttServices(
        MqttLimits limits,
        Authenticator authenticator,
        Ingest ingest,
        SessionRegistry sessions,
        GatewayMetrics metrics,
        FlappingGuard flapping,
        LongSupplier receiveClock,
        LongSupplier nanoClock,
        ReasonStrings reasonStrings,
        Diagnostics diagnostics) {
}
