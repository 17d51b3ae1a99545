package io.anju.common.diagnostics;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What a {@link DiagnosticEvent} reports. */
public enum DiagnosticKind {
    /** A CONNECT was accepted. */
    CONNECTED,
    /** A connection was refused before or at CONNECT (credentials, ban, protocol error, …). */
    REFUSED,
    /** An established connection ended. */
    DISCONNECTED,
    /** A PUBLISH was taken but its payload broke a rule of the device protocol: it went to quarantine. */
    PAYLOAD_REJECTED,
    /** A PUBLISH to a topic the device may not publish to (MQTT 5: 0x87 Not authorized; MQTT 3.1.1: closed). */
    PUBLISH_REFUSED;

    private final String wire = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String wireName() {
        return wire;
    }

    @JsonCreator
    public static DiagnosticKind fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
