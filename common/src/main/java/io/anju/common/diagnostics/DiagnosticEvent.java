package io.anju.common.diagnostics;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One record of {@code anju.diagnostics}: what a gateway saw of one device's connection or data, for the device's
 * vendor and operator (docs/device-protocol.md, "Diagnostics"). Best-effort: a gateway may leave records out under
 * load or a flood, so their absence proves nothing. Keyed by {@link #deviceId}.
 *
 * @param ts         the gateway's receive time (Unix ms)
 * @param node       the gateway node
 * @param deviceId   the device id, or the client id as sent when the client did not authenticate (null if it sent none)
 * @param kind       what happened
 * @param code       a stable lower-case code of why, e.g. {@code bad_credentials}, {@code keep_alive_timeout},
 *                   {@code bad_value}; for {@code payload_rejected} the rule's code, as in {@code anju.quarantine}
 * @param reason     why, in plain words; for {@code payload_rejected} the quarantine reason, naming the rule broken
 * @param protocol   MQTT version, {@code 3.1.1} or {@code 5}, when known
 * @param remote     the client's address ({@code host:port})
 * @param keepAliveS the keep-alive the client asked for (connected)
 * @param topic      the MQTT topic (payload_rejected, publish_refused)
 * @param excerpt    the start of the rejected payload as UTF-8 text (at most {@link #EXCERPT_BYTES} bytes)
 * @param payloadBytes the rejected payload's full size
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiagnosticEvent(long ts, String node, String deviceId, DiagnosticKind kind, String code, String reason,
                              String protocol, String remote, Integer keepAliveS, String topic, String excerpt,
                              Integer payloadBytes) {
    /** Most payload bytes quoted in {@link #excerpt}. */
    public static final int EXCERPT_BYTES = 256;
}
