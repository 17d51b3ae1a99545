package io.anju.cases.store;

import io.anju.cases.model.CaseRecord;
import io.anju.cases.model.CaseState;
import io.anju.cases.model.DeadlineStage;
import io.anju.cases.model.Level;
import io.anju.cases.model.Origin;
import io.anju.cases.model.ResponseLevel;
import io.anju.common.alert.AlertFact;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.common.model.LocationChain;
import io.vertx.sqlclient.Row;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The mutable working copy of one case row inside a transaction: the service changes its fields, then
 * {@link CaseSql} writes it back in one statement. Public fields keep each change a one-liner that reads like the rule
 * it implements. {@link #escalations}, {@link #supervisionStage} and the acknowledge times are supervision's own and are
 * not part of the API's {@link CaseRecord}.
 */
public final class CaseDraft {
    public long id;
    public String caseNo;
    public Origin origin;
    public String title;
    public String description;
    public String categoryCode;
    public String department;
    public List<String> coordinatingDepartments = new ArrayList<>();
    public Severity severity;
    public CaseState state;
    /** What the case asks of people; a watch item promoted to a case becomes {@link ResponseLevel#CASE}. */
    public ResponseLevel response = ResponseLevel.CASE;
    public String dedupKey;
    public String alertId;
    public AlertType alertType;
    public AlertStatus alertStatus;
    public Severity alertSeverity;
    public String recommendedAction;
    public LocationChain location;
    public String sourceKind;
    public String sourceId;
    public String deviceId;
    public Integer port;
    public List<Evidence> evidence = new ArrayList<>();
    /** The facts of the latest alert revision: the texts are rendered from them in each reader's language. */
    public List<AlertFact> alertFacts = List.of();
    public Level assignedLevel;
    public String assignedUnit;
    public String assignee;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant firstEventAt;
    public Instant alertEmittedAt;
    public Instant dispatchDueAt;
    public Instant dispatchedAt;
    public Instant deadlineAt;
    public Instant feedbackAt;
    public Instant closedAt;
    public Instant evaluatedAt;
    public boolean overdue;
    public boolean extended;
    public boolean reworked;
    public int reminders;
    public Instant nextSupervisionAt;
    public Integer evaluationScore;
    public String voidReason;
    public CaseState stateBeforeClear;
    /** Read only: the notifier sets it. */
    public Instant firstNotifiedAt;
    public int escalations;
    public Instant acknowledgeDueAt;
    public Instant acknowledgedAt;
    /** The stage whose deadline {@link #reminders} and {@link #escalations} count against; null before any. */
    public DeadlineStage supervisionStage;
    public int version;

    /** The row as read (all columns of {@code cases}). */
    public static CaseDraft of(Row row) {
        CaseRecord r = CaseRows.toRecord(row);
        CaseDraft d = new CaseDraft();
        d.id = r.id();
        d.caseNo = r.caseNo();
        d.origin = r.origin();
        d.title = r.title();
        d.description = r.description();
        d.categoryCode = r.categoryCode();
        d.department = r.department();
        d.coordinatingDepartments = new ArrayList<>(r.coordinatingDepartments());
        d.severity = r.severity();
        d.state = r.state();
        d.response = r.response();
        d.dedupKey = r.dedupKey();
        d.alertId = r.alertId();
        d.alertType = r.alertType();
        d.alertStatus = r.alertStatus();
        d.alertSeverity = r.alertSeverity();
        d.recommendedAction = r.recommendedAction();
        d.location = r.location();
        d.sourceKind = r.sourceKind();
        d.sourceId = r.sourceId();
        d.deviceId = r.deviceId();
        d.port = r.port();
        d.evidence = new ArrayList<>(r.evidence());
        d.assignedLevel = r.assignedLevel();
        d.assignedUnit = r.assignedUnit();
        d.assignee = r.assignee();
        d.createdAt = r.createdAt();
        d.updatedAt = r.updatedAt();
        d.firstEventAt = r.firstEventAt();
        d.alertEmittedAt = r.alertEmittedAt();
        d.dispatchDueAt = r.dispatchDueAt();
        d.dispatchedAt = r.dispatchedAt();
        d.deadlineAt = r.deadlineAt();
        d.feedbackAt = r.feedbackAt();
        d.closedAt = r.closedAt();
        d.evaluatedAt = r.evaluatedAt();
        d.overdue = r.overdue();
        d.extended = r.extended();
        d.reworked = r.reworked();
        d.reminders = r.reminders();
        d.nextSupervisionAt = r.nextSupervisionAt();
        d.evaluationScore = r.evaluationScore();
        d.voidReason = r.voidReason();
        d.stateBeforeClear = CaseRows.stateOrNull(row.getString("state_before_clear"));
        d.escalations = row.getInteger("escalations");
        d.acknowledgeDueAt = CaseRows.instant(row, "acknowledge_due_at");
        d.acknowledgedAt = CaseRows.instant(row, "acknowledged_at");
        String stage = row.getString("supervision_stage");
        d.supervisionStage = stage == null ? null : DeadlineStage.fromWire(stage);
        d.firstNotifiedAt = r.firstNotifiedAt();
        d.version = r.version();
        d.alertFacts = r.alertFacts();
        return d;
    }

    /** The case as it stands in this draft (for access checks before it is written). */
    public CaseRecord toRecord() {
        return new CaseRecord(id, caseNo, origin, title, description, categoryCode, department,
                List.copyOf(coordinatingDepartments), severity, state, response, dedupKey, alertId, alertType,
                alertStatus, alertSeverity, recommendedAction, location, sourceKind, sourceId, deviceId, port,
                List.copyOf(evidence), assignedLevel, assignedUnit, assignee, createdAt, updatedAt, firstEventAt,
                alertEmittedAt, acknowledgeDueAt, acknowledgedAt,
                dispatchDueAt, dispatchedAt, deadlineAt, feedbackAt, closedAt, evaluatedAt, overdue, extended, reworked,
                reminders, nextSupervisionAt, evaluationScore, voidReason, firstNotifiedAt, version, alertFacts);
    }

    /** Keeps the newest {@code max} pieces of evidence, so a long-running alert cannot grow its case without bound. */
    public void appendEvidence(List<Evidence> more, int max) {
        if (more != null) {
            evidence.addAll(more);
        }
        if (evidence.size() > max) {
            evidence = new ArrayList<>(evidence.subList(evidence.size() - max, evidence.size()));
        }
    }
}
