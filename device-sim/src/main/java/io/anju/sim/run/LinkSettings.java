package io.anju.sim.run;

import javax.net.SocketFactory;
import java.util.function.LongSupplier;

/**
 * Connection settings shared by all simulated devices.
 *
 * @param serverUri  {@code tcp://host:port} or {@code ssl://host:port}
 * @param tls        socket factory for {@code ssl://}, else null
 * @param tokenAuth  send a signed {@code hmac-sha256:} token instead of the plain secret
 * @param keepAliveS MQTT keep-alive (default 60 s)
 * @param wallClock  real time for tokens (the gateway checks them against its clock, not simulated time)
 */
public record LinkSettings(String serverUri, SocketFactory tls, boolean tokenAuth, int keepAliveS,
                           LongSupplier wallClock) {
}
