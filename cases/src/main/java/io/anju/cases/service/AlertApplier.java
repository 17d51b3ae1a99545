package io.anju.cases.service;

import io.anju.cases.lifecycle.Lifecycle;
import io.anju.cases.model.CaseRecord;
import io.anju.cases.model.CaseState;
import io.anju.cases.model.DeadlineStage;
import io.anju.cases.model.Origin;
import io.anju.cases.model.ResponseLevel;
import io.anju.cases.routing.Category;
import io.anju.cases.routing.GridRouter;
import io.anju.cases.routing.Routing;
import io.anju.cases.store.CaseChanges;
import io.anju.cases.store.CaseDraft;
import io.anju.cases.store.CaseNumbers;
import io.anju.cases.store.CaseRows;
import io.anju.cases.store.CaseSql;
import io.anju.cases.store.EndedCaseAlerts;
import io.anju.cases.store.NewEvent;
import io.anju.cases.store.ReceiptSql;
import io.anju.cases.supervise.Deadlines;
import io.anju.cases.text.CaseTexts;
import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.Severity;
import io.anju.common.text.AlertSubject;
import io.anju.common.text.AlertText;
import io.anju.common.text.Lang;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies one alert record inside a transaction: opens the case of a new condition (or the watch item or notice its
 * category asks for at that severity), updates the open case of a known one, promotes a watch item whose alert rose
 * to a severity that asks for a case, or moves it on when the device reports the condition cleared. The receipt
 * (alert id, revision) is claimed first, so a redelivered record changes nothing; and a revision older than one of
 * its alert already applied (it arrived out of order) is recorded but changes nothing either, so it can neither
 * re-raise a cleared case nor open a new one.
 */
final class AlertApplier {
    /** The newest evidence kept with a case; older readings stay in the alert stream. */
    static final int MAX_EVIDENCE = 50;

    private final GridRouter router;
    private final CaseChanges changes;
    private final Deadlines deadlines;
    private final AlertText text;

    AlertApplier(GridRouter router, CaseChanges changes, Deadlines deadlines) {
        this.router = router;
        this.changes = changes;
        this.deadlines = deadlines;
        this.text = new AlertText(router::registry);
    }

    Future<CaseRecord> apply(SqlConnection tx, Alert alert, Instant now) {
        return ReceiptSql.claim(tx, alert.id(), alert.revision(), now).compose(earlier -> earlier.isPresent()
                ? repeat(tx, alert, earlier.get()) : applyClaimed(tx, alert, now));
    }

    /** A record whose receipt this transaction has just claimed. */
    Future<CaseRecord> applyClaimed(SqlConnection tx, Alert alert, Instant now) {
        return ReceiptSql.later(tx, alert.id(), alert.revision()).compose(later -> later.isPresent()
                ? stale(tx, alert, later.get()) : applyNew(tx, alert, now));
    }

    /**
     * Whether a record, first of its alert and revision and with no later revision received, opens a case and nothing
     * else, given its key's latest case ({@code null}: none ever): it is news, and no case of its key is open or was
     * closed on this very episode. {@link #openAll} may then open it with others.
     */
    static boolean opensAlone(Alert alert, CaseSql.Latest latest) {
        return alert.status() != AlertStatus.CLEARED
                && (latest == null || !latest.state().open() && !alert.id().equals(latest.alertId()));
    }

    /**
     * Opens the cases of records that each {@link #opensAlone}, with receipts claimed, in a few statements for all of
     * them; {@code now} in whole microseconds.
     */
    Future<List<CaseRecord>> openAll(SqlConnection tx, List<Alert> alerts, Instant now) {
        if (alerts.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return CaseNumbers.next(tx, now, alerts.size()).compose(numbers -> {
            List<CaseDraft> drafts = new ArrayList<>(alerts.size());
            List<List<NewEvent>> events = new ArrayList<>(alerts.size());
            for (int i = 0; i < alerts.size(); i++) {
                Opening o = opening(alerts.get(i), now, numbers.get(i));
                drafts.add(o.draft());
                events.add(List.of(o.created()));
            }
            return changes.insertAll(tx, drafts, now, events);
        }).compose(saved -> {
            List<CaseRecord> opened = saved.stream().map(CaseChanges.Saved::after).toList();
            return ReceiptSql.attachAll(tx, alerts.stream().map(Alert::id).toList(),
                    alerts.stream().map(Alert::revision).toList(), opened.stream().map(CaseRecord::id).toList())
                    .map(v -> opened);
        });
    }

    private Future<CaseRecord> applyNew(SqlConnection tx, Alert alert, Instant now) {
        return CaseSql.openByDedupKey(tx, alert.dedupKey()).compose(open -> {
            boolean clear = alert.status() == AlertStatus.CLEARED;
            if (open.isPresent()) {
                Future<CaseRecord> updated = update(tx, CaseDraft.of(open.get()), alert, now);
                return clear ? updated.compose(c -> EndedCaseAlerts.cleared(tx, alert.dedupKey(), alert.id())
                        .map(v -> c)) : updated;
            }
            if (clear) {
                // Nothing open to move on; the ended cases of this very episode learn that its alert cleared.
                return EndedCaseAlerts.cleared(tx, alert.dedupKey(), alert.id())
                        .compose(v -> latest(tx, alert.dedupKey()));
            }
            return openUnlessAlreadyHandled(tx, alert, now);
        }).compose(c -> c == null ? Future.succeededFuture((CaseRecord) null)
                : ReceiptSql.attach(tx, alert.id(), alert.revision(), c.id()).map(v -> c));
    }

    /** Recorded against the case of the later revision, so that its redelivery is a repeat of it. */
    private Future<CaseRecord> stale(SqlConnection tx, Alert alert, ReceiptSql.Receipt later) {
        Future<Void> attached = later.caseId().isEmpty() ? Future.succeededFuture()
                : ReceiptSql.attach(tx, alert.id(), alert.revision(), later.caseId().get());
        return attached.compose(v -> repeat(tx, alert, later));
    }

    private Future<CaseRecord> repeat(SqlConnection tx, Alert alert, ReceiptSql.Receipt receipt) {
        if (receipt.caseId().isEmpty()) {
            return latest(tx, alert.dedupKey());
        }
        return CaseSql.byId(tx, receipt.caseId().get(), false).map(row -> row.map(CaseRows::toRecord).orElse(null));
    }

    private Future<CaseRecord> latest(SqlConnection tx, String dedupKey) {
        return CaseSql.latestByDedupKey(tx, dedupKey).map(row -> row.map(CaseRows::toRecord).orElse(null));
    }

    /**
     * People closed the case of this very alert episode while the device still reports it: its routine refreshes are
     * recorded against that case rather than opening a new one every few minutes. Only a worse severity than the
     * closed case had — the condition got worse after it was judged handled — opens a new case; so does a new
     * episode (a new alert id).
     */
    private Future<CaseRecord> openUnlessAlreadyHandled(SqlConnection tx, Alert alert, Instant now) {
        return latest(tx, alert.dedupKey()).compose(last -> {
            boolean sameEpisode = last != null && alert.id().equals(last.alertId());
            if (sameEpisode && alert.severity().compareTo(last.severity()) <= 0) {
                return Future.succeededFuture(last);
            }
            return open(tx, alert, now);
        });
    }

    private Future<CaseRecord> open(SqlConnection tx, Alert alert, Instant now) {
        return CaseNumbers.next(tx, now).compose(caseNo -> {
            Opening o = opening(alert, now, caseNo);
            return changes.insert(tx, o.draft(), now, List.of(o.created())).map(CaseChanges.Saved::after);
        });
    }

    /** A new case, watch item or notice for an alert, and the entry that says it was opened. */
    private record Opening(CaseDraft draft, NewEvent created) {
    }

    private Opening opening(Alert alert, Instant now, String caseNo) {
        Routing routing = router.route(alert);
        Category category = routing.category();
        ResponseLevel response = category.response(alert.severity());
        CaseState state = switch (response) {
            case CASE -> CaseState.COLLECTED;
            case WATCH -> CaseState.WATCHING;
            case NOTICE -> CaseState.NOTICED;
        };
        CaseDraft d = new CaseDraft();
        d.caseNo = caseNo;
        d.origin = Origin.ALERT;
        // Stored in the default language for readers of the raw row (exports, the audit); the API renders them
        // again from the facts in each reader's language.
        AlertSubject subject = AlertSubject.of(alert);
        d.title = text.title(subject, Lang.ZH);
        d.description = describe(alert);
        d.alertFacts = alert.facts();
        d.categoryCode = category.code();
        d.department = routing.department();
        d.severity = alert.severity();
        d.state = state;
        d.response = response;
        d.dedupKey = alert.dedupKey();
        d.alertId = alert.id();
        d.alertType = alert.type();
        d.alertStatus = alert.status();
        d.alertSeverity = alert.severity();
        d.recommendedAction = alert.recommendedAction();
        d.location = routing.location();
        d.sourceKind = alert.sourceKind() == null ? null : alert.sourceKind().wireName();
        d.sourceId = alert.sourceId();
        d.deviceId = alert.deviceId();
        d.port = alert.port();
        d.appendEvidence(alert.evidence(), MAX_EVIDENCE);
        d.assignedLevel = routing.assignedLevel();
        d.assignedUnit = routing.assignedUnit();
        d.firstEventAt = Instant.ofEpochMilli(alert.firstEventTs());
        d.alertEmittedAt = Instant.ofEpochMilli(alert.emittedAt());
        // Only a case has deadlines: a watch item and a notice wait for no one.
        if (response == ResponseLevel.CASE) {
            d.dispatchDueAt = now.plus(category.dispatchWithin());
            d.acknowledgeDueAt = now.plus(category.acknowledgeWithin(d.severity));
        }
        deadlines.follow(d);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("alertId", alert.id());
        data.put("revision", alert.revision());
        data.put("severity", alert.severity().wireName());
        data.put("response", response.wireName());
        data.put("assignedUnit", d.assignedUnit);
        putFacts(data, alert);
        NewEvent created = NewEvent.bySystem("created", openedNotice(response), null, state, d.description,
                data);
        return new Opening(d, created);
    }

    private static String openedNotice(ResponseLevel response) {
        return switch (response) {
            case CASE -> "opened";
            case WATCH -> "watch_opened";
            case NOTICE -> "noticed";
        };
    }

    /**
     * The alert in words of the default language, from its facts; an alert from a producer that predates facts has
     * only its English summary to give.
     */
    private String describe(Alert alert) {
        return alert.facts().isEmpty() ? alert.summary() : text.summary(AlertSubject.of(alert), Lang.ZH);
    }

    /** An alert's entries keep the facts of their revision, so the history reads in each reader's language. */
    private static void putFacts(Map<String, Object> data, Alert alert) {
        if (alert.facts() != null && !alert.facts().isEmpty()) {
            data.put(CaseTexts.FACTS, alert.facts());
        }
    }

    private Future<CaseRecord> update(SqlConnection tx, CaseDraft d, Alert alert, Instant now) {
        List<NewEvent> events = new ArrayList<>();
        d.alertId = alert.id();
        d.alertStatus = alert.status();
        d.alertSeverity = alert.severity();
        if (alert.recommendedAction() != null) {
            d.recommendedAction = alert.recommendedAction();
        }
        d.appendEvidence(alert.evidence(), MAX_EVIDENCE);
        if (alert.facts() != null && !alert.facts().isEmpty() && alert.status() != AlertStatus.CLEARED) {
            d.alertFacts = alert.facts();
            d.description = describe(alert);
        }
        if (alert.status() == AlertStatus.CLEARED) {
            cleared(d, alert, now, events);
        } else {
            raisedOrUpdated(d, alert, now, events);
        }
        deadlines.follow(d);
        return changes.update(tx, d, now, events).map(CaseChanges.Saved::after);
    }

    private void raisedOrUpdated(CaseDraft d, Alert alert, Instant now, List<NewEvent> events) {
        Severity old = d.severity;
        d.severity = Severity.max(old, alert.severity());
        boolean raised = d.severity.compareTo(old) > 0;
        boolean watched = d.state == CaseState.WATCHING;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("oldSeverity", old.wireName());
        data.put("newSeverity", d.severity.wireName());
        data.put("alertSeverity", alert.severity().wireName());
        data.put("alertId", alert.id());
        data.put("revision", alert.revision());
        putFacts(data, alert);
        // A watch item's rise is announced by its promotion, if the new severity asks for a case; else by nothing.
        events.add(NewEvent.bySystem("alert_update", raised && !watched ? "severity_raised" : "alert_update", null,
                null, describe(alert), data));
        if (watched && raised) {
            promoteIfCaseLevel(d, now, events);
        }
        if (d.stateBeforeClear != null && d.state == CaseState.FEEDBACK_SUBMITTED) {
            CaseState back = d.stateBeforeClear;
            d.state = back;
            d.stateBeforeClear = null;
            d.feedbackAt = null;
            events.add(NewEvent.worded("alert_reraised", "alert_reraised", CaseState.FEEDBACK_SUBMITTED, back,
                    Map.of("alertId", alert.id())));
        }
        if (raised) {
            shortenDeadlines(d, events);
        }
    }

    private void promoteIfCaseLevel(CaseDraft d, Instant now, List<NewEvent> events) {
        Category category = router.categories().byCode(d.categoryCode).orElse(null);
        if (category == null || category.response(d.severity) != ResponseLevel.CASE) {
            return;
        }
        Map<String, Object> data = Promotion.apply(d, category, now);
        events.add(NewEvent.worded(Promotion.KIND, Promotion.KIND, CaseState.WATCHING, CaseState.COLLECTED, data));
    }

    /**
     * Deadlines never relax: a higher severity can only bring a pending deadline forward — the acknowledge deadline
     * (from filing, or from a watch item's promotion) while nobody has acknowledged the case, the handling deadline (from dispatch) once dispatched.
     */
    private void shortenDeadlines(CaseDraft d, List<NewEvent> events) {
        Category category = router.categories().byCode(d.categoryCode).orElse(null);
        if (category == null) {
            return;
        }
        if (d.acknowledgedAt == null && d.acknowledgeDueAt != null && d.dispatchDueAt != null) {
            // The acknowledge clock started when the case became one: at filing, or at a watch item's promotion.
            Instant started = d.dispatchDueAt.minus(category.dispatchWithin());
            Instant shorter = started.plus(category.acknowledgeWithin(d.severity));
            if (shorter.isBefore(d.acknowledgeDueAt)) {
                events.add(deadlineSet(d, DeadlineStage.ACKNOWLEDGE, d.acknowledgeDueAt, shorter));
                d.acknowledgeDueAt = shorter;
            }
        }
        if (d.dispatchedAt != null && d.deadlineAt != null) {
            Instant shorter = d.dispatchedAt.plus(category.handleWithin(d.severity));
            if (shorter.isBefore(d.deadlineAt)) {
                events.add(deadlineSet(d, DeadlineStage.HANDLE, d.deadlineAt, shorter));
                d.deadlineAt = shorter;
            }
        }
    }

    private static NewEvent deadlineSet(CaseDraft d, DeadlineStage stage, Instant before, Instant shorter) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("stage", stage.wireName());
        data.put("from", before.toString());
        data.put("to", shorter.toString());
        data.put("severity", d.severity.wireName());
        return NewEvent.worded("deadline_set", "deadline_set", null, null, data);
    }

    private void cleared(CaseDraft d, Alert alert, Instant now, List<NewEvent> events) {
        Map<String, Object> data = Map.of("alertId", alert.id(), "revision", alert.revision());
        if (Lifecycle.clearCloses(d.state)) {
            CaseState from = d.state;
            d.state = CaseState.CLOSED;
            d.closedAt = now;
            events.add(NewEvent.worded("watch_closed", "watch_closed", from, CaseState.CLOSED, data));
        } else if (Lifecycle.clearMovesOn(d.state)) {
            CaseState from = d.state;
            d.stateBeforeClear = from;
            d.state = CaseState.FEEDBACK_SUBMITTED;
            d.feedbackAt = now;
            events.add(NewEvent.worded("alert_cleared", "alert_cleared", from, CaseState.FEEDBACK_SUBMITTED, data));
        } else {
            events.add(NewEvent.worded("alert_cleared", "alert_cleared", null, null, data));
        }
    }
}
