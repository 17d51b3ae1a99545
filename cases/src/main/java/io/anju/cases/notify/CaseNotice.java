package io.anju.cases.notify;

import io.anju.cases.model.CaseEvent;
import io.anju.cases.model.CaseRecord;

/**
 * Something people must hear about: a case opened, its severity raised, a reminder, an escalation, a step taken.
 * Built by the service inside the transaction that made the change, from the case as it is after the change.
 *
 * @param kind  {@code opened}, {@code severity_raised}, {@code reminder}, {@code escalated}, {@code state_changed},
 *              {@code alert_cleared}, {@code comment}, {@code noticed}, {@code promoted}, {@code watch_opened},
 *              {@code watch_closed}
 * @param after the case after the change
 * @param event the audit entry of the change (its seq makes the idempotency key)
 */
public record CaseNotice(String kind, CaseRecord after, CaseEvent event) {

    /** The same notice delivered twice carries the same key, so receivers can drop the repeat. */
    public String idempotencyKey(String channel) {
        return channel + ":" + after.caseNo() + ":" + event.seq();
    }
}
