package io.anju.cases.text;

import java.text.MessageFormat;
import java.util.EnumMap;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The message bundles ({@code io/anju/cases/text/texts_zh.properties}, {@code texts_en.properties}): every word and
 * pattern people read, in each {@link Lang}. Patterns are {@link MessageFormat}s whose arguments are already formatted
 * strings (so no locale-dependent number formatting sneaks in); a literal apostrophe is written {@code ''}.
 */
public final class Texts {
    static final String BUNDLE = "io.anju.cases.text.texts";
    private static final Map<Lang, ResourceBundle> BUNDLES = new EnumMap<>(Lang.class);

    static {
        // No fallback to the JVM's default locale: a missing key must show as missing, not as another language.
        ResourceBundle.Control exact = ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES);
        for (Lang lang : Lang.values()) {
            BUNDLES.put(lang, ResourceBundle.getBundle(BUNDLE, lang.locale(), exact));
        }
    }

    private Texts() {
    }

    static ResourceBundle bundle(Lang lang) {
        return BUNDLES.get(lang);
    }

    /** True when {@code key} has a text in {@code lang}. */
    public static boolean has(Lang lang, String key) {
        return BUNDLES.get(lang).containsKey(key);
    }

    /** The text of {@code key} with {@code args} filled in; {@code fallback} when the key has none. */
    public static String format(Lang lang, String key, String fallback, Object... args) {
        String pattern;
        try {
            pattern = BUNDLES.get(lang).getString(key);
        } catch (MissingResourceException e) {
            return fallback;
        }
        return new MessageFormat(pattern, lang.locale()).format(args);
    }

    /** The text of {@code key}; the key itself when it has none (visible, and caught by the bundle tests). */
    public static String text(Lang lang, String key, Object... args) {
        return format(lang, key, key, args);
    }

    /** The word for a wire code of a kind ({@code severity.red}, {@code state.collected}), else the code. */
    public static String word(Lang lang, String kind, String code) {
        return code == null ? "" : format(lang, kind + "." + code, code);
    }
}
