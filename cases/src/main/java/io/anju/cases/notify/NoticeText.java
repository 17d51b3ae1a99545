package io.anju.cases.notify;

import io.anju.cases.json.CasesJson;
import io.anju.cases.routing.CategoryTable;
import io.anju.cases.text.CaseTexts;
import io.anju.common.alert.AlertFact;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.model.Community;
import io.anju.common.model.LocationChain;
import io.anju.common.registry.Registry;
import io.anju.common.text.AlertSubject;
import io.anju.common.text.AlertText;
import io.anju.common.text.Lang;
import io.anju.common.text.Texts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Renders a queued notice (the {@link CaseNotice} JSON of an outbox row) as the message every push channel sends, in
 * the language of the people it names: case number, what happened (the alert's title, rendered from its facts by
 * {@link AlertText}), category, severity, place (names from the registry), state and the deadline that applies now,
 * in Beijing time. The words come from the same bundles as the API's ({@link Texts}). The recipients come from the
 * notice's {@code recipients} list ({@code [{"name", "displayName", "phone", "language", "channels"}]}), when it has
 * one; each {@code language} (zh, the default, or en) gets its own message with its own people's phones.
 */
public final class NoticeText {
    private static final Texts TEXTS = CaseTexts.TEXTS;

    private final CategoryTable categories;
    private final Supplier<Registry> registry;
    private final AlertText alerts;

    /** @param registry the registry in use now (the live one): notices name places as it does */
    public NoticeText(CategoryTable categories, Supplier<Registry> registry) {
        this.categories = categories;
        this.registry = registry;
        this.alerts = new AlertText(registry);
    }

    /** The Chinese message for an outbox row's payload, naming every recipient's phone. */
    public NoticeMessage render(String payload) {
        JsonObject notice = parse(payload);
        return render(notice, Lang.ZH, phones(notice, null));
    }

    /**
     * One message per language of the notice's recipients, Chinese first, each with the phones of the people who read
     * that language; a notice that names nobody is one Chinese message. Fails with a permanent
     * {@link DeliveryFailure} if the payload is not a notice.
     */
    public List<NoticeMessage> renderPerLanguage(String payload) {
        JsonObject notice = parse(payload);
        List<NoticeMessage> out = new ArrayList<>(2);
        List<Lang> languages = languages(notice);
        for (Lang lang : languages) {
            out.add(render(notice, lang, phones(notice, languages.size() == 1 ? null : lang)));
        }
        return out;
    }

    /** The message in {@code lang} for {@code phones}. */
    public NoticeMessage render(String payload, Lang lang) {
        JsonObject notice = parse(payload);
        return render(notice, lang, phones(notice, lang));
    }

    private static JsonObject parse(String payload) {
        JsonObject notice;
        try {
            notice = new JsonObject(payload);
        } catch (RuntimeException e) {
            throw DeliveryFailure.permanent("the outbox payload is not a case notice: " + e.getMessage());
        }
        JsonObject after = notice.getJsonObject("after");
        if (after == null || after.getString("caseNo") == null || after.getString("severity") == null) {
            throw DeliveryFailure.permanent("the outbox payload has no case (after.caseNo, after.severity)");
        }
        return notice;
    }

    private NoticeMessage render(JsonObject notice, Lang lang, List<String> phones) {
        JsonObject after = notice.getJsonObject("after");
        String kind = notice.getString("kind", "");
        String severity = after.getString("severity");
        String caseNo = after.getString("caseNo");
        String severityWord = TEXTS.word(lang, "severity", severity);
        String category = categories.byCode(after.getString("categoryCode", ""))
                .map(c -> lang == Lang.EN ? c.name() : c.nameZh())
                .orElse(after.getString("title", TEXTS.text(lang, "notice.aCase")));
        String title = TEXTS.text(lang, "notice.title", severityWord, category,
                TEXTS.format(lang, "notice.kind." + kind, TEXTS.text(lang, "notice.kind.other")));

        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("caseNo", caseNo);
        what(after, lang).ifPresent(w -> lines.put("what", w));
        lines.put("category", TEXTS.text(lang, "notice.categoryWithCode", category,
                after.getString("categoryCode", "—")));
        lines.put("severity", severityWord);
        lines.put("place", place(after.getJsonObject("location", new JsonObject()), lang));
        lines.put("state", TEXTS.word(lang, "state", after.getString("state", "—")));
        deadline(after, lang).ifPresent(d -> lines.put(d.getKey(), d.getValue()));
        escalatedTo(notice, lang).ifPresent(to -> lines.put("escalatedTo", to));

        StringBuilder md = new StringBuilder("### ").append(title).append('\n');
        StringBuilder text = new StringBuilder(title).append('\n');
        lines.forEach((k, v) -> {
            String line = TEXTS.text(lang, "notice.line", TEXTS.text(lang, "notice.label." + k), v);
            md.append("- ").append(line).append('\n');
            text.append(line).append('\n');
        });
        return new NoticeMessage(caseNo, Severity.fromWire(severity), kind, title, md.toString().strip(),
                text.toString().strip(), phones, lang.tag());
    }

    /** The alert's own title in {@code lang}, for a case opened from an alert. */
    private Optional<String> what(JsonObject after, Lang lang) {
        String type = after.getString("alertType");
        if (type == null) {
            return Optional.empty();
        }
        AlertType alertType;
        try {
            alertType = AlertType.fromWire(type);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        JsonObject where = after.getJsonObject("location", new JsonObject());
        LocationChain location = new LocationChain(where.getString("subDistrictId"), where.getString("communityId"),
                where.getString("gridId"), where.getString("compoundId"), where.getString("zoneId"));
        JsonArray facts = after.getJsonArray("alertFacts", new JsonArray());
        List<AlertFact> parsed = CasesJson.mapper().convertValue(facts.getList(), CasesJson.mapper().getTypeFactory()
                .constructCollectionType(List.class, AlertFact.class));
        return Optional.of(alerts.title(new AlertSubject(alertType, after.getString("sourceKind"),
                after.getString("sourceId"), after.getString("deviceId"), after.getInteger("port"), location,
                after.getString("recommendedAction"), parsed), lang));
    }

    /** The languages of the notice's recipients, Chinese first; Chinese alone when it names nobody. */
    static List<Lang> languages(JsonObject notice) {
        List<Lang> out = new ArrayList<>(2);
        JsonArray recipients = notice.getJsonArray("recipients");
        if (recipients != null) {
            for (Lang lang : Lang.values()) {
                for (Object r : recipients) {
                    if (r instanceof JsonObject person && Lang.of(person.getString("language")) == lang
                            && !out.contains(lang)) {
                        out.add(lang);
                    }
                }
            }
        }
        return out.isEmpty() ? List.of(Lang.ZH) : out;
    }

    /** The phones of the recipients who read {@code lang} (all when null), in order, without blanks and repeats. */
    static List<String> phones(JsonObject notice, Lang lang) {
        List<String> out = new ArrayList<>();
        JsonArray recipients = notice.getJsonArray("recipients");
        if (recipients == null) {
            return out;
        }
        for (Object r : recipients) {
            if (r instanceof JsonObject person && (lang == null || Lang.of(person.getString("language")) == lang)) {
                String phone = person.getString("phone");
                if (phone != null && !phone.isBlank() && !out.contains(phone.strip())) {
                    out.add(phone.strip());
                }
            }
        }
        return out;
    }

    /** The place's own name (compound or crowd zone), then its community and sub-district, else the ids. */
    private String place(JsonObject where, Lang lang) {
        List<String> parts = new ArrayList<>();
        String own = alerts.place(new LocationChain(null, null, null, where.getString("compoundId"),
                where.getString("zoneId")), lang);
        if (!own.isEmpty()) {
            parts.add(own);
        }
        String community = where.getString("communityId");
        if (community != null) {
            parts.add(registry.get().community(community).map(Community::name).orElse(community));
        }
        String subDistrict = where.getString("subDistrictId");
        if (subDistrict != null) {
            parts.add(registry.get().subDistrict(subDistrict)
                    .map(s -> TEXTS.text(lang, "place.subDistrict", lang == Lang.EN && s.nameEn() != null
                            ? s.nameEn() : s.name()))
                    .orElse(subDistrict));
        }
        if (parts.isEmpty() && where.getString("gridId") != null) {
            parts.add(TEXTS.text(lang, "place.grid", where.getString("gridId")));
        }
        return parts.isEmpty() ? "—" : String.join(TEXTS.text(lang, "summary.factSeparator"), parts);
    }

    /** The deadline that applies now: handling once dispatched, else dispatch. */
    private static Optional<Map.Entry<String, String>> deadline(JsonObject after, Lang lang) {
        String handle = after.getString("deadlineAt");
        if (handle != null) {
            return Optional.of(Map.entry("handleDue", CaseTexts.time(lang, handle)));
        }
        String dispatch = after.getString("dispatchDueAt");
        return dispatch == null ? Optional.empty() : Optional.of(Map.entry("dispatchDue", CaseTexts.time(lang, dispatch)));
    }

    private static Optional<String> escalatedTo(JsonObject notice, Lang lang) {
        if (!"escalated".equals(notice.getString("kind"))) {
            return Optional.empty();
        }
        JsonObject data = Optional.ofNullable(notice.getJsonObject("event"))
                .map(e -> e.getJsonObject("data")).orElse(null);
        if (data == null || data.getString("to") == null) {
            return Optional.empty();
        }
        String level = data.getString("level", "");
        return Optional.of((level.isEmpty() ? "" : TEXTS.word(lang, "level", level)) + " " + data.getString("to"));
    }
}
