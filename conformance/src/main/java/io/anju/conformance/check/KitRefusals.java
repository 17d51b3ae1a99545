package io.anju.conformance.check;

import io.anju.common.diagnostics.DiagnosticEvent;
import io.anju.common.diagnostics.DiagnosticKind;
import io.anju.conformance.watch.DeviceLog;

/** The refusals the kit itself caused: the sandbox's refusal window after the forced drop. */
final class KitRefusals {
    /** The window ends on the gateway's clock; a refusal this much (real time) later is still the kit's. */
    static final long SLACK_REAL_MS = 2_000;

    private KitRefusals() {
    }

    static boolean isKits(DeviceLog log, DiagnosticEvent d) {
        Long from = log.kit().droppedAt();
        Long until = log.kit().refusedUntil();
        return d.kind() == DiagnosticKind.REFUSED && "banned".equals(d.code()) && from != null && until != null
                && d.ts() >= from && d.ts() <= until + log.scale().deviceSpan(SLACK_REAL_MS);
    }
}
