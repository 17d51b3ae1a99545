package io.anju.jobs.command;

import io.anju.common.command.DeviceCommand;
import io.anju.jobs.input.CaseCommand;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the charger's readings said about a stop (an automatic one, or a person's for a case), written to
 * {@code anju.command-results} beside the gateway's delivery reports (docs/kafka-topics.md), keyed by device id.
 *
 * @param kind      always {@code "confirmation"}
 * @param commandId the {@code stop_port} this is about
 * @param alertId   the alert that called for the stop (a person's stop: the case's alert, absent when it has none)
 * @param deviceId  the charger
 * @param port      the port
 * @param outcome   {@code confirmed} (a reading shows the port off), {@code retried} (none did in time: sent again
 *                  under {@link #commandId}, the new command), {@code unconfirmed} (the last attempt failed too) or
 *                  {@code withheld} (not sent: past the compound's cap on automatic stops; a person decides) or
 *                  {@code resumed} (a person resumed the port for a case: the stop is no longer watched)
 * @param attempt   which stop this was (1 = the first)
 * @param powerW    the port's power in the reading that decided, null when no reading came
 * @param at        device time of that reading, or the event time the bound passed (for {@code withheld}: the event
 *                  time of the alert that asked for the stop)
 * @param detail    why, for people ({@code withheld} and {@code resumed} only)
 * @param caseId    the case a person sent the stop for; absent for an automatic stop
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StopOutcome(String kind, String commandId, String alertId, String deviceId, int port, String outcome,
                          int attempt, Double powerW, long at, String detail, Long caseId) {
    public static final String KIND = "confirmation";
    public static final String WITHHELD = "withheld";
    public static final String RESUMED = "resumed";

    static StopOutcome of(String outcome, PendingStop p, String commandId, String deviceId, int port, int attempt,
                          double powerW, long at) {
        return new StopOutcome(KIND, commandId, p.alertId(), deviceId, port, outcome, attempt,
                Double.isNaN(powerW) ? null : powerW, at, null, p.byPerson() ? p.caseId() : null);
    }

    /** A watched stop a person's {@code resume_port} ended. */
    static StopOutcome resumed(PendingStop p, String deviceId, int port, CaseCommand resume, long at) {
        return new StopOutcome(KIND, p.commandId(), p.alertId(), deviceId, port, RESUMED, p.attempt(),
                Double.isNaN(p.lastW()) ? null : p.lastW(), at, "resumed by resume_port " + resume.id() + " for case "
                + resume.caseId(), p.byPerson() ? p.caseId() : null);
    }

    /** The first stop of an alert was not sent: the compound's cap held it. */
    public static StopOutcome withheld(DeviceCommand command, long at, String detail) {
        return new StopOutcome(KIND, command.id(), command.alertId(), command.deviceId(), command.port(), WITHHELD, 1,
                null, at, detail, null);
    }
}
