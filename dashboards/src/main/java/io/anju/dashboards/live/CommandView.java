package io.anju.dashboards.live;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A command as {@code GET /api/commands/{id}} and the {@code command} event show it. {@code issuedBy} and
 * {@code issuedAt} are known for commands sent from this dashboard service; the others (automatic stops, the case
 * system's) show only what {@code anju.command-results} said.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandView(String commandId, String deviceId, Integer port, String issuedBy, String issuedAt,
                          Delivery delivery, Reply reply) {

    /** The gateway's delivery outcome: held, delivered, offline, expired, timeout, unknown_device or invalid. */
    public record Delivery(String outcome, String at) {
    }

    /** The device's answer: ok, rejected or failed, with its detail. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reply(String status, String message, String at) {
    }
}
