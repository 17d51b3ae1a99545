package io.anju.cases.text;

import io.anju.common.text.Lang;

import java.util.Map;

import static io.anju.cases.text.CaseTexts.TEXTS;

/**
 * A resume guard in words ({@code error.command.<code>}), from its code and facts as a refusal carries them or a
 * history entry keeps them: the open alert's id, or the port's temperature and its limit. A guard without a text of
 * its own is shown by the message it came with.
 */
public final class GuardText {

    private GuardText() {
    }

    public static String of(Lang lang, String code, Map<String, ?> facts) {
        String key = "error.command." + code;
        if (!TEXTS.has(lang, key)) {
            Object message = facts.get("message");
            return message == null ? code : message.toString();
        }
        if (facts.containsKey("alertId")) {
            return TEXTS.text(lang, key, facts.get("alertId"));
        }
        if (facts.containsKey("tempC")) {
            return TEXTS.text(lang, key, facts.get("tempC"), facts.get("limitC"));
        }
        return TEXTS.text(lang, key, facts.get("limitC"));
    }
}
