package io.anju.cases.commands;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One thing that became of a command, read from {@code anju.command-results} (docs/kafka-topics.md): a gateway's
 * delivery report, the device's reply, or the alerting job's confirmation by the port's readings.
 *
 * @param kind      {@code delivery}, {@code reply} or {@code confirmation}
 * @param commandId the command's id
 * @param alertId   the alert that caused the command; for a reply, taken from an earlier record of the same command
 * @param outcome   the report's outcome ({@code held}, {@code delivered}, …), the reply's result ({@code ok},
 *                  {@code rejected}, {@code failed}) or the confirmation's ({@code confirmed}, {@code retried},
 *                  {@code unconfirmed}, {@code withheld}, {@code resumed})
 * @param attempt   which stop a confirmation is about (1 = the first); 0 for deliveries and replies
 * @param deviceId  the device the command was for
 * @param action    the command's action ({@code stop_port}), when known
 * @param port      the port, when known (else the case's port is named)
 * @param detail    the gateway's or the device's explanation, when it gave one
 * @param powerW    a confirmation's deciding reading
 * @param gateway   the reporting gateway node
 * @param at        when the outcome was known, Unix ms
 * @param caseId    the case a person sent the command for, when the record names it (a confirmation of a person's
 *                  stop does) or an earlier record of the command did (the case's {@code request} row, a confirmation
 *                  naming the retry): filed there even when the case has no alert
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandOutcome(String kind, String commandId, String alertId, String outcome, int attempt,
                             String deviceId, String action, Integer port, String detail, Double powerW,
                             String gateway, long at, Long caseId) {
    public static final String DELIVERY = "delivery";
    public static final String REPLY = "reply";
    public static final String CONFIRMATION = "confirmation";
    /** The notice kind of outcomes that screens must show at once; the others are history only. */
    public static final String NOTICE_KIND = "command_outcome";
    private static final Set<String> NOTICED = Set.of("confirmed", "unconfirmed");

    /**
     * The same outcome, naming what an earlier record of its command named where it did not: the alert, the case it
     * was issued for, the action and the port (a reply, or a delivery report of a command that named no alert, learns
     * them so).
     */
    CommandOutcome forCommand(String alertId, Long caseId, String action, Integer port) {
        return new CommandOutcome(kind, commandId, this.alertId != null ? this.alertId : alertId, outcome, attempt,
                deviceId, this.action != null ? this.action : action, this.port != null ? this.port : port, detail,
                powerW, gateway, at, this.caseId != null ? this.caseId : caseId);
    }

    /** The same outcome, naming {@code casePort} when the record did not name a port. */
    CommandOutcome withPortOr(Integer casePort) {
        return port != null ? this : new CommandOutcome(kind, commandId, alertId, outcome, attempt, deviceId, action,
                casePort, detail, powerW, gateway, at, caseId);
    }

    /** {@code command_outcome} for a confirmation that settles the stop, null for history-only outcomes. */
    String noticeKind() {
        return CONFIRMATION.equals(kind) && NOTICED.contains(outcome) ? NOTICE_KIND : null;
    }

    /** The history entry's data: every field present, null ones left out. */
    Map<String, Object> data() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("commandId", commandId);
        d.put("source", kind);
        put(d, "action", action);
        put(d, "port", port);
        d.put("outcome", outcome);
        put(d, "detail", detail);
        if (attempt > 0) {
            d.put("attempt", attempt);
        }
        put(d, "powerW", powerW);
        put(d, "gateway", gateway);
        put(d, "deviceId", deviceId);
        put(d, "alertId", alertId);
        d.put("at", at);
        return d;
    }

    private static void put(Map<String, Object> d, String key, Object value) {
        if (value != null) {
            d.put(key, value);
        }
    }
}
