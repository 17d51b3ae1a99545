package io.anju.cases.diagnostics;

import io.anju.cases.commands.CommandOutcome;
import io.anju.common.diagnostics.DiagnosticEvent;

import java.util.List;

/**
 * What GET /api/v1/devices/{id}/diagnostics answers, each list newest first.
 *
 * @param connections the latest connection outcomes (connected, refused, disconnected, each with its code and reason;
 *                    at most {@link DiagnosticsStore#CONNECTIONS_KEPT})
 * @param rejections  the latest rejections (payload_rejected with the rule's code, the reason and the payload's
 *                    excerpt; publish_refused with the topic; at most {@link DiagnosticsStore#REJECTIONS_KEPT})
 * @param commands    the device's command history as the case service recorded it (at most
 *                    {@link DiagnosticsStore#COMMANDS_SHOWN})
 */
public record DeviceDiagnostics(String deviceId, List<DiagnosticEvent> connections, List<DiagnosticEvent> rejections,
                                List<CommandOutcome> commands) {
}
