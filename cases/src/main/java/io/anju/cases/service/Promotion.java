package io.anju.cases.service;

import io.anju.cases.model.CaseState;
import io.anju.cases.model.ResponseLevel;
import io.anju.cases.routing.Category;
import io.anju.cases.store.CaseDraft;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes a watch item a case, whether its alert rose to a severity whose response is a case or a person judged that
 * it needs action: it becomes {@code collected}, and its deadlines count from the promotion, as for a case opened
 * at that moment (the time it spent being watched asked nothing of anyone).
 */
final class Promotion {
    static final String KIND = "promoted";

    private Promotion() {
    }

    /** Promotes {@code d} at {@code now} and returns the data of its audit entry. */
    static Map<String, Object> apply(CaseDraft d, Category category, Instant now) {
        d.state = CaseState.COLLECTED;
        d.response = ResponseLevel.CASE;
        d.dispatchDueAt = now.plus(category.dispatchWithin());
        d.acknowledgeDueAt = now.plus(category.acknowledgeWithin(d.severity));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("severity", d.severity.wireName());
        data.put("acknowledgeDue", d.acknowledgeDueAt.toString());
        data.put("dispatchDue", d.dispatchDueAt.toString());
        return data;
    }
}
