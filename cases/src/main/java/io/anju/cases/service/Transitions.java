package io.anju.cases.service;

import io.anju.cases.lifecycle.Lifecycle;
import io.anju.cases.model.CaseAction;
import io.anju.cases.model.CaseException;
import io.anju.cases.model.CaseState;
import io.anju.cases.model.Principal;
import io.anju.cases.model.TransitionRequest;
import io.anju.cases.routing.Category;
import io.anju.cases.routing.CategoryTable;
import io.anju.cases.store.CaseDraft;
import io.anju.cases.store.NewEvent;
import io.anju.cases.supervise.Deadlines;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What each step of the loop does to a case besides changing its state: the first step from collected acknowledges
 * it, the dispatch starts the handling deadline, feedback and closure stamp their times, rework flags the case, a
 * promotion makes a watch item a case, and so on; then the case follows the deadline of its new stage. Refuses a
 * missing note, score or department as INVALID and a step from the wrong state as CONFLICT. Who may act is checked
 * before, by the caller.
 */
final class Transitions {
    private final CategoryTable categories;
    private final Deadlines deadlines;
    private final Set<String> departments = new TreeSet<>();

    Transitions(CategoryTable categories, Deadlines deadlines) {
        this.categories = categories;
        this.deadlines = deadlines;
        for (Category c : categories.all()) {
            departments.add(c.department());
            departments.addAll(c.supportDepartments());
        }
    }

    /** Changes {@code d} for {@code req} at {@code now} and returns its audit entry. */
    NewEvent apply(CaseDraft d, Principal who, TransitionRequest req, Instant now) {
        CaseState from = d.state;
        CaseState to = Lifecycle.next(from, d.response, req.action());
        Map<String, Object> data = new LinkedHashMap<>();
        switch (req.action()) {
            case DISPATCH -> dispatch(d, req, now, data);
            case START -> d.assignee = req.assignee() != null ? req.assignee() : who.name();
            case COORDINATE -> {
                String dept = knownDepartment(required(req.department(), "coordinate needs the department to pull in"));
                if (!d.coordinatingDepartments.contains(dept) && !dept.equals(d.department)) {
                    d.coordinatingDepartments.add(dept);
                }
                data.put("department", dept);
            }
            case SUBMIT_FEEDBACK -> {
                required(req.note(), "feedback needs a note saying what was done");
                d.feedbackAt = now;
            }
            case REWORK -> {
                required(req.note(), "rework needs a note saying what is not done");
                d.reworked = true;
                d.feedbackAt = null;
            }
            case CLOSE -> d.closedAt = now;
            case EVALUATE -> {
                if (req.score() == null || req.score() < 1 || req.score() > 5) {
                    throw CaseException.invalid("evaluate needs a score from 1 to 5 (was " + req.score() + ")");
                }
                d.evaluationScore = req.score();
                d.evaluatedAt = now;
                data.put("score", req.score());
            }
            case PROMOTE -> data.putAll(Promotion.apply(d, category(d), now));
            case VOID -> {
                d.voidReason = required(req.note(), "void needs a note saying why the case was filed in error");
                d.closedAt = now;
            }
            default -> {
                // verify and analyse change the state only
            }
        }
        if (req.assignee() != null && req.action() != CaseAction.START) {
            d.assignee = req.assignee();
        }
        if (d.assignee != null) {
            data.put("assignee", d.assignee);
        }
        // verified, or voided as a false alarm: either way a person has looked at it
        deadlines.stepTo(d, to, now);
        if (req.action() == CaseAction.PROMOTE) {
            return NewEvent.by(who, Promotion.KIND, Promotion.KIND, from, to, req.note(), req.attachments(), data);
        }
        return NewEvent.by(who, "transition", "state_changed", from, to, req.note(), req.attachments(), data);
    }

    private void dispatch(CaseDraft d, TransitionRequest req, Instant now, Map<String, Object> data) {
        Category category = category(d);
        if (req.department() != null) {
            d.department = knownDepartment(req.department());
        }
        d.dispatchedAt = now;
        d.deadlineAt = now.plus(category.handleWithin(d.severity));
        data.put("department", d.department);
        data.put("supportDepartments", category.supportDepartments());
        data.put("deadline", d.deadlineAt.toString());
    }

    private Category category(CaseDraft d) {
        return categories.byCode(d.categoryCode)
                .orElseThrow(() -> CaseException.invalid("the case's category " + d.categoryCode
                        + " is not configured"));
    }

    private String knownDepartment(String code) {
        if (!departments.contains(code)) {
            throw CaseException.invalid("unknown department '" + code + "'; known: " + departments);
        }
        return code;
    }

    private static String required(String value, String message) {
        if (value == null || value.isBlank()) {
            throw CaseException.invalid(message);
        }
        return value;
    }
}
