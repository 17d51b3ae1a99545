package io.anju.cases.text;

import io.anju.cases.commands.CommandRefusedException;
import io.anju.cases.commands.Guard;
import io.anju.cases.model.Role;

import java.util.stream.Collectors;

/**
 * The message of a refused charger command in the reader's language ({@code error.command.<code>}): a refused resume
 * names each guard that refused it, with the alert's id or the temperature and its limit.
 */
public final class CommandTexts {

    private CommandTexts() {
    }

    public static String message(Lang lang, CommandRefusedException e) {
        if (e.guards().isEmpty()) {
            Object[] words = e.args().stream()
                    .map(a -> a instanceof Role r ? Texts.word(lang, "role", r.wireName()) : a).toArray();
            return Texts.text(lang, "error.command." + e.code(), words);
        }
        return Texts.text(lang, "error.command.resume_refused", e.guards().stream().map(g -> guard(lang, g))
                .collect(Collectors.joining(Texts.text(lang, "error.command.separator"))));
    }

    private static String guard(Lang lang, Guard g) {
        return switch (g.code()) {
            case Guard.ALERT_OPEN -> Texts.text(lang, "error.command." + g.code(), g.facts().get("alertId"));
            case Guard.TEMPERATURE_HIGH -> Texts.text(lang, "error.command." + g.code(), g.facts().get("tempC"),
                    g.facts().get("limitC"));
            default -> Texts.text(lang, "error.command." + g.code(), g.facts().get("limitC"));
        };
    }
}
