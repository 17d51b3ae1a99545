package io.anju.cases.api;

import io.anju.cases.commands.CommandRefusedException;
import io.anju.cases.commands.Guard;
import io.anju.cases.model.CaseAction;
import io.anju.cases.model.CaseException;
import io.anju.cases.model.CaseState;
import io.anju.cases.model.Role;
import io.anju.cases.text.CaseTexts;
import io.anju.cases.text.GuardText;
import io.anju.cases.text.Worded;
import io.anju.common.text.Lang;
import io.anju.common.text.Texts;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The message of an error answer, in the reader's language: from the finer reason when the refusal has one
 * ({@code error.reason.<reason>}, its arguments as words), else from the stable code ({@code error.<code>}); a refused
 * charger command's from its own code ({@code error.command.<code>}).
 */
public final class ErrorTexts {
    /** Every code an error answer may carry; each has a text in every language (CaseTextsBundleTest). */
    public static final List<String> CODES = List.of("invalid", "unauthorized", "forbidden", "not_found", "conflict",
            "too_large", "too_many_requests", "unavailable", "internal", "rules_broken",
            "import_refused");
    private static final Texts TEXTS = CaseTexts.TEXTS;

    private ErrorTexts() {
    }

    public static String message(Lang lang, String code, CaseException.Reason reason, Object... args) {
        Object[] words = words(lang, args);
        if (reason != null) {
            return TEXTS.text(lang, "error.reason." + reason.wireName(), words);
        }
        return TEXTS.format(lang, "error." + code, TEXTS.text(lang, "error.invalid"), words);
    }

    /**
     * The message of a refused charger command ({@code error.command.<code>}): a refused resume names each guard that
     * refused it, with the alert's id or the temperature and its limit.
     */
    public static String command(Lang lang, CommandRefusedException e) {
        if (e.guards().isEmpty()) {
            return TEXTS.text(lang, "error.command." + e.code(), words(lang, e.args().toArray()));
        }
        return TEXTS.text(lang, "error.command.resume_refused", e.guards().stream().map(g -> guard(lang, g))
                .collect(Collectors.joining(TEXTS.text(lang, "error.command.separator"))));
    }

    private static String guard(Lang lang, Guard g) {
        return GuardText.of(lang, g.code(), g.facts());
    }

    private static Object[] words(Lang lang, Object[] args) {
        Object[] words = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            words[i] = word(lang, args[i]);
        }
        return words;
    }

    private static String word(Lang lang, Object arg) {
        if (arg instanceof Worded w) {
            return w.in(lang);
        }
        if (arg instanceof CaseState s) {
            return TEXTS.word(lang, "state", s.wireName());
        }
        if (arg instanceof CaseAction a) {
            return TEXTS.word(lang, "caseAction", a.wireName());
        }
        if (arg instanceof Role r) {
            return TEXTS.word(lang, "role", r.wireName());
        }
        return String.valueOf(arg);
    }
}
