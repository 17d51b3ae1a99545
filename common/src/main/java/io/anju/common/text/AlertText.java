package io.anju.common.text;

import io.anju.common.alert.AlertFact;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Compound;
import io.anju.common.model.LocationChain;
import io.anju.common.registry.Registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Renders what people read about an alert — a case title and a summary — from its type, place and facts, in a
 * {@link Lang}. Titles name the kind of warning, the place (the registry's name of the compound or crowd zone) and
 * the device or port; summaries add every fact ({@code fact.<name>} patterns, with {@code .against} when the fact
 * has a threshold) and the recommended action. A type may word a fact its own way ({@code alert.<type>.fact.<name>}).
 * A fact without a text of its own is still shown, as name, value and unit, so nothing a detector says is lost.
 * The words are common's ({@link Texts#ALERTS}): the case service's cases and the dashboards' live alerts read alike.
 */
public final class AlertText {
    /** The longest title kept with a case (the column and the list view's width). */
    public static final int MAX_TITLE = 120;
    private static final Texts TEXTS = Texts.ALERTS;

    private final Supplier<Registry> registry;

    /** @param registry the place names; null names places by their ids */
    public AlertText(Registry registry) {
        this(() -> registry);
    }

    /** @param registry the place names of the registry in use now (a live one); null from it names places by ids */
    public AlertText(Supplier<Registry> registry) {
        this.registry = registry;
    }

    /** One line: kind, place and device, e.g. {@code 莲花小区充电站 chg-0001-1 火灾风险（1号端口）}. */
    public String title(AlertSubject a, Lang lang) {
        String type = a.type().wireName();
        Object[] args = {place(a.location(), lang), nonNull(a.deviceId()), a.port() == null ? "" : a.port().toString(),
                building(a)};
        String key = "alert." + type + "." + a.sourceKind() + ".title";
        String title = TEXTS.has(lang, key) ? TEXTS.text(lang, key, args)
                : TEXTS.format(lang, "alert." + type + ".title", type, args);
        return title.length() <= MAX_TITLE ? title : title.substring(0, MAX_TITLE - 1) + "…";
    }

    /** The title, then every fact, then what to do. */
    public String summary(AlertSubject a, Lang lang) {
        List<String> facts = facts(a, lang);
        String action = a.recommendedAction() == null ? ""
                : TEXTS.text(lang, "summary.action", TEXTS.word(lang, "action", a.recommendedAction()));
        if (facts.isEmpty()) {
            return TEXTS.text(lang, "summary.noFacts", title(a, lang), "", action).strip();
        }
        return TEXTS.text(lang, "summary.pattern", title(a, lang),
                String.join(TEXTS.text(lang, "summary.factSeparator"), facts), action).strip();
    }

    /** Each fact as a phrase, in the detector's order; words that say nothing (e.g. {@code suspectPerson false}) drop out. */
    public List<String> facts(AlertSubject a, Lang lang) {
        List<String> out = new ArrayList<>();
        for (AlertFact f : a.facts()) {
            String phrase = fact(a.type().wireName(), f, lang);
            if (!phrase.isBlank()) {
                out.add(phrase);
            }
        }
        return out;
    }

    private static String fact(String type, AlertFact f, Lang lang) {
        if (f.text() != null) {
            String exact = "fact." + f.name() + "." + f.text();
            if (TEXTS.has(lang, exact)) {
                return TEXTS.text(lang, exact);
            }
            String word = TEXTS.format(lang, "word." + f.text(), TEXTS.format(lang, "severity." + f.text(), f.text()));
            return TEXTS.format(lang, "fact." + f.name(), f.name() + ": " + word, word);
        }
        String value = number(f.value());
        String unit = f.unit() == null ? "" : f.unit();
        String threshold = number(f.threshold());
        String base = f.threshold() == null ? "fact." + f.name() : "fact." + f.name() + ".against";
        String own = "alert." + type + "." + base;
        String fallback = f.name() + " " + value + (unit.isEmpty() ? "" : " " + unit)
                + (f.threshold() == null ? "" : " (" + threshold + ")");
        return TEXTS.format(lang, TEXTS.has(lang, own) ? own : base, fallback, value, unit, threshold);
    }

    /** Whole numbers without decimals, others with one: 66.0 → 66, 6.24 → 6.2. */
    static String number(Double v) {
        if (v == null) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString(v.longValue());
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** The place's own name: the compound or crowd zone of the registry, else its id, else the grid. */
    public String place(LocationChain where, Lang lang) {
        if (where == null) {
            return "";
        }
        Registry registry = this.registry.get();
        if (where.compoundId() != null) {
            return registry == null ? where.compoundId() : registry.compound(where.compoundId()).map(Compound::name).orElse(where.compoundId());
        }
        if (where.zoneId() != null) {
            return registry == null ? where.zoneId() : registry.zone(where.zoneId()).map(CrowdZone::name).orElse(where.zoneId());
        }
        return where.gridId() == null ? "" : TEXTS.text(lang, "place.grid", where.gridId());
    }

    /** For a building's alerts, the building part of {@code compound/building}. */
    private static String building(AlertSubject a) {
        String id = a.sourceId();
        if (id == null) {
            return "";
        }
        int slash = id.lastIndexOf('/');
        return slash < 0 ? id : id.substring(slash + 1);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
