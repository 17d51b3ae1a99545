package io.anju.cases.text;

import io.anju.common.text.Lang;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.anju.cases.text.CaseTexts.TEXTS;

/**
 * The notes of a case's charger-command entries ({@code command}, {@code command_override}) in the reader's language,
 * from the entry's data: the command (action, port, device), where the entry came from ({@code source}: the request,
 * the gateway's delivery report, the charger's reply, the readings that confirm a stop) and its outcome. A person's
 * reason and a device's or gateway's detail are quoted as written.
 */
final class CommandHistoryText {
    private static final String P = "history.command.";

    private CommandHistoryText() {
    }

    /** The note of a {@code command} entry by {@code actor}; null when its data does not say what the command was. */
    static String command(Map<String, Object> data, String actor, Lang lang) {
        String what = what(data, lang);
        if (what == null) {
            return null;
        }
        String source = string(data.get("source"));
        String outcome = string(data.get("outcome"));
        String detail = optional(lang, "detail", data.get("detail"));
        return switch (source) {
            case "request" -> switch (outcome) {
                case "issued" -> TEXTS.text(lang, P + "issued", what, string(data.get("deviceId")), actor,
                        optional(lang, "reason", data.get("reason")));
                case "refused" -> TEXTS.text(lang, P + "refused", what, guards(data.get("guards"), lang));
                default -> TEXTS.text(lang, P + "other", what, outcome, detail);
            };
            case "confirmation" -> switch (outcome) {
                case "confirmed" -> TEXTS.text(lang, P + "confirmed", what, watts(lang, "watts", data.get("powerW")));
                case "retried", "unconfirmed" -> TEXTS.text(lang, P + outcome, what, string(data.get("attempt")),
                        watts(lang, "stillWatts", data.get("powerW")));
                case "withheld" -> TEXTS.text(lang, P + "withheld", what, detail);
                case "resumed" -> TEXTS.text(lang, P + "resumed", what, detail);
                default -> TEXTS.text(lang, P + "other", what, outcome, detail);
            };
            case "reply" -> TEXTS.text(lang, P + "reply", what, outcome, detail);
            default -> switch (outcome) {
                case "delivered" -> TEXTS.text(lang, P + "delivered", what, string(data.get("deviceId")),
                        optional(lang, "gateway", data.get("gateway")));
                case "held" -> TEXTS.text(lang, P + "held", what, detail);
                default -> TEXTS.text(lang, P + "notDelivered", what, outcome, detail);
            };
        };
    }

    /** The note of a {@code command_override} entry: what was sent despite which guards, and why. */
    static String override(Map<String, Object> data, Lang lang) {
        String what = what(data, lang);
        return what == null ? null : TEXTS.text(lang, "history.command_override", what,
                guards(data.get("guards"), lang), string(data.get("reason")));
    }

    private static String what(Map<String, Object> data, Lang lang) {
        Object action = data.get("action");
        if (action == null) {
            return null;
        }
        String name = TEXTS.format(lang, P + "action." + action, action.toString());
        Object port = data.get("port");
        return port == null ? name : TEXTS.text(lang, P + "what", name, port.toString());
    }

    /** The guards an entry keeps ({@code code} and its facts), each in words. */
    private static String guards(Object json, Lang lang) {
        if (!(json instanceof List<?> list)) {
            return "";
        }
        return list.stream().filter(Map.class::isInstance).map(g -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> guard = (Map<String, Object>) g;
            return GuardText.of(lang, string(guard.get("code")), guard);
        }).collect(Collectors.joining(TEXTS.text(lang, "error.command.separator")));
    }

    private static String optional(Lang lang, String part, Object value) {
        return value == null || value.toString().isBlank() ? "" : TEXTS.text(lang, P + part, value.toString());
    }

    private static String watts(Lang lang, String part, Object w) {
        if (!(w instanceof Number n)) {
            return "";
        }
        return TEXTS.text(lang, P + part, BigDecimal.valueOf(n.doubleValue()).stripTrailingZeros().toPlainString());
    }

    private static String string(Object o) {
        return o == null ? "" : o.toString();
    }
}
