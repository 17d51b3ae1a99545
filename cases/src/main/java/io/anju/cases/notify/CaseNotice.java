package io.anju.cases.notify;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.anju.cases.model.CaseEvent;
import io.anju.cases.model.CaseRecord;
import io.anju.cases.text.CaseTexts;
import io.anju.common.text.Lang;

import java.util.List;
import java.util.Map;

/**
 * Something people must hear about: a case opened, its severity raised, a reminder, an escalation, a step taken.
 * Built by the service inside the transaction that made the change, from the case as it is after the change.
 *
 * @param kind             {@code opened}, {@code severity_raised}, {@code reminder}, {@code escalated},
 *                         {@code state_changed}, {@code alert_cleared}, {@code comment}, {@code noticed},
 *                         {@code promoted}, {@code watch_opened}, {@code watch_closed}, {@code command_outcome}
 * @param after            the case after the change
 * @param event            the audit entry of the change (its seq makes the idempotency key)
 * @param recipients       the people on duty for the case (io.anju.cases.people); empty when no rota names anyone
 * @param acknowledgeLinks per recipient name, a signed link that acknowledges the case without a password; only
 *                         while the case awaits acknowledgement
 */
public record CaseNotice(String kind, CaseRecord after, CaseEvent event, List<Recipient> recipients,
                         Map<String, String> acknowledgeLinks) {

    @JsonCreator
    public CaseNotice {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        acknowledgeLinks = acknowledgeLinks == null ? Map.of() : Map.copyOf(acknowledgeLinks);
    }

    public CaseNotice(String kind, CaseRecord after, CaseEvent event) {
        this(kind, after, event, List.of(), Map.of());
    }

    /** The same notice addressed to {@code people}. */
    public CaseNotice addressedTo(List<Recipient> people, Map<String, String> links) {
        return new CaseNotice(kind, after, event, people, links);
    }

    /**
     * The notice without its acknowledge links: what every channel but the one that reaches each person on their own
     * phone gets, since anyone who reads a link can acknowledge as the person it names.
     */
    public CaseNotice withoutLinks() {
        return acknowledgeLinks.isEmpty() ? this : new CaseNotice(kind, after, event, recipients, Map.of());
    }

    /**
     * The notice as a reader of {@code lang} reads it: the case's title and description and the entry's system note
     * rendered by {@code texts}, as the API renders them (the queued notice keeps the stored words).
     */
    public CaseNotice in(Lang lang, CaseTexts texts) {
        return new CaseNotice(kind, texts.localize(after, lang), event == null ? null : texts.localize(event, after, lang),
                recipients, acknowledgeLinks);
    }

    /** The same notice delivered twice carries the same key, so receivers can drop the repeat. */
    public String idempotencyKey(String channel) {
        return channel + ":" + after.caseNo() + ":" + event.seq();
    }
}
