package io.anju.cases.text;

import io.anju.cases.model.CaseAction;
import io.anju.cases.model.CaseException;
import io.anju.cases.model.CaseState;
import io.anju.cases.model.Role;

import java.util.List;

/**
 * The message of an error answer, in the reader's language: from the finer reason when the refusal has one
 * ({@code error.reason.<reason>}, its arguments as words), else from the stable code ({@code error.<code>}).
 */
public final class ErrorTexts {
    /** Every code an error answer may carry; each has a text in every language (TextsBundleTest). */
    public static final List<String> CODES = List.of("invalid", "unauthorized", "forbidden", "not_found", "conflict",
            "too_large", "too_many_requests", "internal");

    private ErrorTexts() {
    }

    public static String message(Lang lang, String code, CaseException.Reason reason, Object... args) {
        Object[] words = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            words[i] = word(lang, args[i]);
        }
        if (reason != null) {
            return Texts.text(lang, "error.reason." + reason.wireName(), words);
        }
        return Texts.format(lang, "error." + code, Texts.text(lang, "error.invalid"), words);
    }

    private static String word(Lang lang, Object arg) {
        if (arg instanceof CaseState s) {
            return Texts.word(lang, "state", s.wireName());
        }
        if (arg instanceof CaseAction a) {
            return Texts.word(lang, "caseAction", a.wireName());
        }
        if (arg instanceof Role r) {
            return Texts.word(lang, "role", r.wireName());
        }
        return String.valueOf(arg);
    }
}
