package io.anju.cases.diagnostics;

import io.anju.common.diagnostics.DiagnosticKind;

import java.util.Locale;

/** The two families the store bounds separately, so a flood of rejections cannot push the connection history out. */
enum DiagnosticFamily {
    CONNECTION,
    REJECTION;

    static DiagnosticFamily of(DiagnosticKind kind) {
        return switch (kind) {
            case CONNECTED, REFUSED, DISCONNECTED -> CONNECTION;
            case PAYLOAD_REJECTED, PUBLISH_REFUSED -> REJECTION;
        };
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
