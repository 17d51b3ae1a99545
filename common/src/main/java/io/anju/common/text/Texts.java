package io.anju.common.text;

import java.text.MessageFormat;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;

/**
 * Message bundles: every word and pattern people read, in each {@link Lang}. {@link #ALERTS} is common's own
 * ({@code io/anju/common/text/texts_zh.properties}, {@code texts_en.properties}): the words of alerts — titles, facts,
 * recommended actions, severities, places — read by every service that shows an alert. A service with words of its
 * own lays its bundle over it ({@link #with}); a key is looked up in the service's bundle, then in common's.
 * Patterns are {@link MessageFormat}s whose arguments are already formatted strings (so no locale-dependent number
 * formatting sneaks in); a literal apostrophe is written {@code ''}.
 */
public final class Texts {
    /** The words of alerts. */
    public static final Texts ALERTS = new Texts("io.anju.common.text.texts", null);

    private final Map<Lang, ResourceBundle> bundles = new EnumMap<>(Lang.class);
    private final Texts under;

    private Texts(String baseName, Texts under) {
        this.under = under;
        // No fallback to the JVM's default locale: a missing key must show as missing, not as another language.
        ResourceBundle.Control exact = ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES);
        for (Lang lang : Lang.values()) {
            bundles.put(lang, ResourceBundle.getBundle(baseName, lang.locale(), exact));
        }
    }

    /** These texts with the bundle {@code baseName} (a class path name, e.g. {@code io.anju.cases.text.texts}) over them. */
    public Texts with(String baseName) {
        return new Texts(baseName, this);
    }

    /** The keys of this layer's own bundle in {@code lang}, without those of the texts under it (for bundle tests). */
    public Set<String> ownKeys(Lang lang) {
        return new TreeSet<>(Collections.list(bundles.get(lang).getKeys()));
    }

    /** True when {@code key} has a text in {@code lang}. */
    public boolean has(Lang lang, String key) {
        return bundles.get(lang).containsKey(key) || under != null && under.has(lang, key);
    }

    /** The text of {@code key} with {@code args} filled in; {@code fallback} when the key has none. */
    public String format(Lang lang, String key, String fallback, Object... args) {
        String pattern;
        try {
            pattern = bundles.get(lang).getString(key);
        } catch (MissingResourceException e) {
            return under == null ? fallback : under.format(lang, key, fallback, args);
        }
        return new MessageFormat(pattern, lang.locale()).format(args);
    }

    /** The text of {@code key}; the key itself when it has none (visible, and caught by the bundle tests). */
    public String text(Lang lang, String key, Object... args) {
        return format(lang, key, key, args);
    }

    /** The word for a wire code of a kind ({@code severity.red}, {@code state.collected}), else the code. */
    public String word(Lang lang, String kind, String code) {
        return code == null ? "" : format(lang, kind + "." + code, code);
    }
}
