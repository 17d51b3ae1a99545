package io.anju.cases.text;

import io.anju.common.model.DistrictTime;
import io.anju.cases.json.CasesJson;
import io.anju.cases.model.CaseDetail;
import io.anju.cases.model.CaseEvent;
import io.anju.cases.model.CaseRecord;
import io.anju.cases.model.Page;
import io.anju.common.alert.AlertFact;
import io.anju.common.registry.Registry;
import io.anju.common.text.AlertSubject;
import io.anju.common.text.AlertText;
import io.anju.common.text.Lang;
import io.anju.common.text.Texts;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Puts a case's words in the reader's language at read time: the title and description of a case opened from an
 * alert (rendered from the facts it keeps; a case by hand keeps the reporter's words) and the notes of the history
 * entries the system wrote ({@code history.<kind>} patterns filled from the entry's data). What people wrote stays
 * as they wrote it. The words are {@link #TEXTS}: the case service's own bundle over common's words of alerts.
 */
public final class CaseTexts {
    /**
     * The case service's texts: its own bundle ({@code io/anju/cases/text/texts_*.properties}: states, levels,
     * stages, history, notices, case actions, roles, errors) over common's words of alerts ({@link Texts#ALERTS}).
     */
    public static final Texts TEXTS = Texts.ALERTS.with("io.anju.cases.text.texts");
    /** The key under which an alert's entries keep the facts of their revision. */
    public static final String FACTS = "facts";
    /** People read times in Beijing time, the community's (as the case numbers' dates are). */
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final AlertText alerts;

    /** @param registry the registry in use now (the live one); one that gives null names places by their ids */
    public CaseTexts(Supplier<Registry> registry) {
        this.alerts = new AlertText(registry);
    }

    public AlertText alerts() {
        return alerts;
    }

    /** Any API result: a case, a page or list of cases, or a case with its history; anything else as it is. */
    public Object localize(Object result, Lang lang) {
        if (result instanceof CaseRecord c) {
            return localize(c, lang);
        }
        if (result instanceof CaseDetail d) {
            List<CaseEvent> history = new ArrayList<>(d.history().size());
            for (CaseEvent e : d.history()) {
                history.add(localize(e, d.caseRecord(), lang));
            }
            return new CaseDetail(localize(d.caseRecord(), lang), history);
        }
        if (result instanceof Page<?> p) {
            return new Page<>(p.items().stream().map(i -> localize(i, lang)).toList(), p.total(), p.limit(),
                    p.offset());
        }
        if (result instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof CaseRecord) {
            return list.stream().map(i -> localize(i, lang)).toList();
        }
        return result;
    }

    /** The subject of a case opened from an alert (the facts of its latest revision); null for a case filed by hand. */
    public static AlertSubject subject(CaseRecord c) {
        if (c.alertType() == null) {
            return null;
        }
        return new AlertSubject(c.alertType(), c.sourceKind(), c.sourceId(), c.deviceId(), c.port(), c.location(),
                c.recommendedAction(), c.alertFacts());
    }

    public CaseRecord localize(CaseRecord c, Lang lang) {
        AlertSubject subject = subject(c);
        if (subject == null) {
            return c;
        }
        // A case opened before alerts carried facts keeps its stored description: its figures are only there.
        String description = c.alertFacts().isEmpty() ? c.description() : alerts.summary(subject, lang);
        return c.withText(alerts.title(subject, lang), description);
    }

    /** A history entry of {@code c} with its system note in {@code lang}; people's own notes as written. */
    public CaseEvent localize(CaseEvent e, CaseRecord c, Lang lang) {
        String note = systemNote(e, c, lang);
        return note == null ? e : new CaseEvent(e.seq(), e.caseId(), e.at(), e.actor(), e.actorRole(), e.kind(),
                e.fromState(), e.toState(), note, e.attachments(), e.data());
    }

    private String systemNote(CaseEvent e, CaseRecord c, Lang lang) {
        Map<String, Object> data = e.data() == null ? Map.of() : e.data();
        if (e.actorRole() == null && ("created".equals(e.kind()) || "alert_update".equals(e.kind()))) {
            AlertSubject subject = subject(c);
            List<AlertFact> facts = facts(data.get(FACTS));
            return subject == null || facts.isEmpty() ? null : alerts.summary(subject.withFacts(facts), lang);
        }
        return entryNote(e.kind(), e.actor(), e.actorRole(), data, lang);
    }

    /**
     * The note of an entry the service words itself from the entry's data — charger commands (a person's too: the
     * words are the service's around the person's quoted reason), undelivered notices, reminders, escalations — in
     * {@code lang}; null for an entry whose note is a person's own words, or whose data cannot say it. The service
     * writes such an entry with this note in Chinese, the default, and words it again for each reader.
     *
     * @param actorRole null for the system
     */
    public static String entryNote(String kind, String actor, String actorRole, Map<String, Object> data, Lang lang) {
        if (CaseEvent.KIND_COMMAND.equals(kind)) {
            return CommandHistoryText.command(data, actor, lang);
        }
        if (CaseEvent.KIND_COMMAND_OVERRIDE.equals(kind)) {
            return CommandHistoryText.override(data, lang);
        }
        if (actorRole != null) {
            return null;
        }
        return switch (kind) {
            case "alert_cleared", "watch_closed", "alert_reraised" -> TEXTS.text(lang, "history." + kind);
            case CaseEvent.KIND_NOTIFICATION_UNDELIVERED -> TEXTS.text(lang, "history.notification_undelivered",
                    TEXTS.format(lang, "notice.kind." + string(data.get("noticeKind")), string(data.get("noticeKind"))),
                    channels(data.get("channels")));
            case "promoted" -> TEXTS.text(lang, "history.promoted", severity(lang, data.get("severity")));
            case "deadline_set" -> TEXTS.text(lang, "history.deadline_set", severity(lang, data.get("severity")),
                    TEXTS.word(lang, "stage", string(data.get("stage"))));
            case "reminder" -> TEXTS.text(lang, "history.reminder", TEXTS.word(lang, "stage", string(data.get("stage"))),
                    time(lang, string(data.get("deadline"))), string(data.get("reminder")));
            case "escalated" -> data.get("fromLevel") == null ? null
                    : CaseEvent.KIND_NOTIFICATION_UNDELIVERED.equals(data.get("reason"))
                    ? TEXTS.text(lang, "history.escalated.undelivered",
                    TEXTS.word(lang, "level", string(data.get("fromLevel"))), string(data.get("from")),
                    TEXTS.word(lang, "level", string(data.get("level"))), string(data.get("to")))
                    : TEXTS.text(lang, "history.escalated",
                    TEXTS.word(lang, "stage", string(data.get("stage"))), time(lang, string(data.get("deadline"))),
                    TEXTS.word(lang, "level", string(data.get("fromLevel"))), string(data.get("from")),
                    TEXTS.word(lang, "level", string(data.get("level"))), string(data.get("to")));
            default -> null;
        };
    }

    /** An instant as people read it: Beijing time, to the minute. */
    public static String time(Lang lang, String instant) {
        if (instant == null) {
            return "—";
        }
        try {
            return TEXTS.text(lang, "time.beijing", WHEN.format(Instant.parse(instant).atZone(DistrictTime.ZONE)));
        } catch (DateTimeParseException e) {
            return instant;
        }
    }

    /** The channels a notice failed on, each with its error as the channel gave it. */
    private static String channels(Object json) {
        if (!(json instanceof Map<?, ?> errors)) {
            return "";
        }
        return errors.entrySet().stream().map(en -> en.getKey() + " (" + en.getValue() + ")")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static String severity(Lang lang, Object wire) {
        return TEXTS.word(lang, "severity", string(wire));
    }

    private static String string(Object o) {
        return o == null ? "" : o.toString();
    }

    private static List<AlertFact> facts(Object json) {
        if (json == null) {
            return List.of();
        }
        return CasesJson.mapper().convertValue(json, CasesJson.mapper().getTypeFactory()
                .constructCollectionType(List.class, AlertFact.class));
    }
}
