package io.anju.cases.store;

import io.anju.cases.model.CaseState;
import io.anju.cases.model.Principal;
import io.anju.cases.text.CaseTexts;
import io.anju.common.text.Lang;

import java.util.List;
import java.util.Map;

/**
 * An audit entry about to be written, with the notice kind it is announced under.
 *
 * @param kind       the event kind ({@code created}, {@code transition}, {@code reminder}, …)
 * @param noticeKind the {@link io.anju.cases.notify.CaseNotice} kind the Outbox receives for it
 * @param actor      user name or {@link Principal#SYSTEM}
 * @param actorRole  the user's role wire name; null for the system
 */
public record NewEvent(String kind, String noticeKind, String actor, String actorRole, CaseState from, CaseState to,
                       String note, List<String> attachments, Map<String, Object> data) {

    public NewEvent {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public static NewEvent bySystem(String kind, String noticeKind, CaseState from, CaseState to, String note,
                                    Map<String, Object> data) {
        return new NewEvent(kind, noticeKind, Principal.SYSTEM, null, from, to, note, List.of(), data);
    }

    /**
     * An entry by the system whose note the service words from {@code data} ({@link CaseTexts#entryNote}): written in
     * Chinese, the default, and worded again in each reader's language when read.
     */
    public static NewEvent worded(String kind, String noticeKind, CaseState from, CaseState to,
                                  Map<String, Object> data) {
        return bySystem(kind, noticeKind, from, to, CaseTexts.entryNote(kind, Principal.SYSTEM, null, data, Lang.ZH),
                data);
    }

    /** A person's entry whose note the service words from {@code data} around their reason (a charger command's). */
    public static NewEvent worded(Principal who, String kind, Map<String, Object> data) {
        return by(who, kind, null, null, null, CaseTexts.entryNote(kind, who.name(), who.role().wireName(), data,
                Lang.ZH), List.of(), data);
    }

    public static NewEvent by(Principal who, String kind, String noticeKind, CaseState from, CaseState to, String note,
                              List<String> attachments, Map<String, Object> data) {
        return new NewEvent(kind, noticeKind, who.name(), who.role().wireName(), from, to, note, attachments, data);
    }
}
