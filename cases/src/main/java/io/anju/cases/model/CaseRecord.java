package io.anju.cases.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.anju.common.alert.AlertFact;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.common.model.LocationChain;

import java.time.Instant;
import java.util.List;

/**
 * One case as stored and as the API returns it.
 *
 * @param id                      database id
 * @param caseNo                  the number people quote, e.g. {@code LH-20261129-000042}
 * @param origin                  alert or a report by hand
 * @param title                   one line for people
 * @param description             longer text (a report's words, or the alert's summary)
 * @param categoryCode            GB/T 30428-style code {@code major-minor}, e.g. {@code 03-01}
 * @param department              the responsible department code, e.g. {@code fire}, {@code property}
 * @param coordinatingDepartments departments pulled in while coordinating
 * @param severity                the highest severity the case has reached (deadlines never relax)
 * @param state                   the loop step
 * @param response                what it asks of people: a case, a watch item or a notice (category and severity)
 * @param dedupKey                the alert dedup key; null for cases by hand
 * @param alertId                 the id of the latest alert episode joined to the case
 * @param alertType               the alert type, for cases from alerts
 * @param alertStatus             the latest status of that alert
 * @param alertSeverity           the alert's current severity
 * @param recommendedAction       the alert's recommended action code
 * @param location                sub-district, community, grid and compound or zone
 * @param sourceKind              what the alert is about (device, port, building, compound, zone)
 * @param sourceId                the alert's source id
 * @param deviceId                the device, when there is one
 * @param port                    the charger port, for port alerts
 * @param evidence                the alert's evidence (readings, snapshot ids), newest last
 * @param assignedLevel           the level that owns the case now; escalation moves it up
 * @param assignedUnit            the unit id at that level (grid, community, sub-district or district id)
 * @param assignee                the person working it, when one is named
 * @param createdAt               when the case was filed
 * @param updatedAt               last change
 * @param firstEventAt            device time of the first triggering reading (alerts) or the report time
 * @param alertEmittedAt          when the stream job emitted the alert that opened the case
 * @param acknowledgeDueAt        by when someone should acknowledge it (the category's limit for its severity);
 *                                null for watch items and notices
 * @param acknowledgedAt          when it was first acknowledged (verified, dispatched or acknowledged from a link)
 * @param dispatchDueAt           by when the case should be dispatched (the category's dispatch limit)
 * @param dispatchedAt            when it was dispatched
 * @param deadlineAt              handling deadline, set at dispatch from category and severity
 * @param feedbackAt              when the handler reported the result
 * @param closedAt                when it was checked and closed (or voided)
 * @param evaluatedAt             when it was evaluated
 * @param overdue                 passed its deadline while open (stays true once set: a KPI flag)
 * @param extended                its deadline was extended
 * @param reworked                sent back from the check at least once
 * @param reminders               reminders sent since it became overdue
 * @param nextSupervisionAt       when supervision looks at it next (reminder or escalation); null when not due
 * @param evaluationScore         1–5, once evaluated
 * @param voidReason              why it was voided
 * @param firstNotifiedAt         when the first notification reached a channel
 * @param version                 optimistic-lock counter, +1 per change
 * @param alertFacts              the facts of the latest alert revision (figures, units, thresholds), from which the
 *                                title and description are rendered in the reader's language; empty for cases by hand
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaseRecord(long id, String caseNo, Origin origin, String title, String description, String categoryCode,
                         String department, List<String> coordinatingDepartments, Severity severity, CaseState state,
                         ResponseLevel response, String dedupKey, String alertId, AlertType alertType,
                         AlertStatus alertStatus, Severity alertSeverity, String recommendedAction,
                         LocationChain location, String sourceKind,
                         String sourceId, String deviceId, Integer port, List<Evidence> evidence, Level assignedLevel,
                         String assignedUnit, String assignee, Instant createdAt, Instant updatedAt,
                         Instant firstEventAt, Instant alertEmittedAt, Instant acknowledgeDueAt,
                         Instant acknowledgedAt, Instant dispatchDueAt, Instant dispatchedAt,
                         Instant deadlineAt, Instant feedbackAt, Instant closedAt, Instant evaluatedAt, boolean overdue,
                         boolean extended, boolean reworked, int reminders, Instant nextSupervisionAt,
                         Integer evaluationScore, String voidReason, Instant firstNotifiedAt, int version,
                         List<AlertFact> alertFacts) {

    public CaseRecord {
        alertFacts = alertFacts == null ? List.of() : List.copyOf(alertFacts);
    }

    /** The same case with its title and description in other words (the reader's language). */
    public CaseRecord withText(String newTitle, String newDescription) {
        return new CaseRecord(id, caseNo, origin, newTitle, newDescription, categoryCode, department,
                coordinatingDepartments, severity, state, response, dedupKey, alertId, alertType, alertStatus,
                alertSeverity, recommendedAction, location, sourceKind, sourceId, deviceId, port, evidence,
                assignedLevel, assignedUnit, assignee, createdAt, updatedAt, firstEventAt, alertEmittedAt,
                acknowledgeDueAt, acknowledgedAt, dispatchDueAt, dispatchedAt, deadlineAt, feedbackAt, closedAt, evaluatedAt, overdue, extended,
                reworked, reminders, nextSupervisionAt, evaluationScore, voidReason, firstNotifiedAt, version,
                alertFacts);
    }
}
