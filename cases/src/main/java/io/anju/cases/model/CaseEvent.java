package io.anju.cases.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One audited entry of a case's history: who did what, when, from which state to which, with a note and
 * attachments (snapshot references, photo ids). Kinds: {@code created}, {@code transition}, {@code alert_update},
 * {@code alert_cleared}, {@code alert_reraised}, {@code assigned}, {@code comment}, {@code reminder},
 * {@code escalated}, {@code deadline_set}.
 *
 * @param seq       global, increasing: the SSE stream's event id
 * @param caseId    the case
 * @param at        when
 * @param actor     user name, or {@link Principal#SYSTEM}
 * @param actorRole the actor's role wire name; null for the system
 * @param kind      what happened
 * @param fromState state before (transitions)
 * @param toState   state after (transitions)
 * @param note      free text
 * @param attachments references: snapshot ids, photo ids, URLs
 * @param data      kind-specific details (severity change, new deadline, escalation level, …)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaseEvent(long seq, long caseId, Instant at, String actor, String actorRole, String kind,
                        CaseState fromState, CaseState toState, String note, List<String> attachments,
                        Map<String, Object> data) {
    /** A charger command's entry: issued, refused, delivered, replied, confirmed (see docs/cases.md). */
    public static final String KIND_COMMAND = "command";
    /** A resume sent despite its guards, with the operator's reason. */
    public static final String KIND_COMMAND_OVERRIDE = "command_override";
    /** A red notice that reached nobody on any channel. */
    public static final String KIND_NOTIFICATION_UNDELIVERED = "notification_undelivered";
}
