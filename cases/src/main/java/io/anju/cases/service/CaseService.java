package io.anju.cases.service;

import io.anju.cases.model.CaseDetail;
import io.anju.cases.model.CaseEvent;
import io.anju.cases.model.CaseQuery;
import io.anju.cases.model.CaseRecord;
import io.anju.cases.model.KpiQuery;
import io.anju.cases.model.KpiRow;
import io.anju.cases.model.NewCase;
import io.anju.cases.model.Page;
import io.anju.cases.model.Principal;
import io.anju.cases.model.TransitionRequest;
import io.anju.common.alert.Alert;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;

/**
 * Everything the case system does, behind one interface: the API, the alert intake and supervision call it.
 * Every method that takes a {@link Principal} enforces the caller's scope and role ({@code AccessPolicy});
 * refusals fail the future with a {@link io.anju.cases.model.CaseException}. Every change is one database
 * transaction that also writes its audit entry and queues its notifications.
 */
public interface CaseService {

    /**
     * Applies one alert record of {@code anju.alerts}: opens a case (first raise of a dedup key with no open case),
     * updates it (severity, evidence; history entry) or moves it on (cleared). Idempotent per (alert id, revision):
     * a repeat returns the case unchanged. Returns the case the alert belongs to.
     */
    Future<CaseRecord> applyAlert(Alert alert);

    /**
     * Applies the alert records of several dedup keys in one transaction, each exactly as {@link #applyAlert} would:
     * the records of one lane (one dedup key) one after the other in their order, the lanes side by side. All or
     * nothing: when one record fails, nothing of the batch is kept and the future fails with its cause, so the caller
     * can apply the records one at a time to find the one at fault.
     */
    Future<Void> applyAlerts(List<List<Alert>> lanes);

    /** Files a case by hand. */
    Future<CaseRecord> report(Principal who, NewCase request);

    /** Moves a case one step of the loop (or refuses with CONFLICT / FORBIDDEN / INVALID). */
    Future<CaseRecord> transition(Principal who, long caseId, TransitionRequest request);

    /** Names the person who works the case (operators; a grid worker may take a case of their grid). */
    Future<CaseRecord> assign(Principal who, long caseId, String assignee, String note);

    /** Adds a comment (with attachments) to the case's history. */
    Future<CaseEvent> comment(Principal who, long caseId, String text, List<String> attachments);

    Future<Page<CaseRecord>> list(Principal who, CaseQuery query);

    Future<CaseDetail> detail(Principal who, long caseId);

    Future<List<KpiRow>> kpis(Principal who, KpiQuery query);

    /**
     * Runs supervision at {@code now}: marks cases past their deadline overdue, sends reminders and escalates one
     * level up the chain as the supervision settings say. Returns how many cases it changed.
     */
    Future<Integer> supervise(Instant now);
}
