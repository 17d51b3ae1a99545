package io.anju.common.text;

import java.util.List;
import java.util.Locale;

/**
 * The languages people read Anju in: Chinese, the default, and English on request. A request asks by {@code ?lang=}
 * or its {@code Accept-Language} header; a contact by its {@code language}.
 */
public enum Lang {
    ZH(Locale.SIMPLIFIED_CHINESE),
    EN(Locale.ENGLISH);

    private final Locale locale;

    Lang(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }

    /** The wire name, {@code zh} or {@code en}. */
    public String tag() {
        return locale.getLanguage();
    }

    /** The BCP 47 tag, {@code zh-CN} or {@code en}: the dashboards' language codes, and the keys of texts per language. */
    public String languageTag() {
        return locale.toLanguageTag();
    }

    /** {@code zh}/{@code en} (or any tag of those languages, e.g. {@code en-GB}); anything else is Chinese. */
    public static Lang of(String tag) {
        if (tag == null || tag.isBlank()) {
            return ZH;
        }
        return Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage().equals("en") ? EN : ZH;
    }

    /**
     * The language a request asks for: an explicit {@code lang} parameter wins, else the best of the
     * {@code Accept-Language} ranges that Anju speaks (by their q-values), else Chinese. A malformed header is read as
     * no preference rather than refused: it only chooses words.
     */
    public static Lang ofRequest(String langParam, String acceptLanguage) {
        if (langParam != null && !langParam.isBlank()) {
            return of(langParam);
        }
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return ZH;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException e) {
            return ZH;
        }
        Locale best = Locale.lookup(ranges, List.of(Locale.CHINESE, Locale.ENGLISH));
        return best != null && best.getLanguage().equals("en") ? EN : ZH;
    }
}
