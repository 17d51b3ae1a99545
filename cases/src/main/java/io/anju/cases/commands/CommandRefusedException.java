package io.anju.cases.commands;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A charger command the case service refuses, with a stable {@code code} beside the message, so that a screen can
 * react to the reason (and show the message) without parsing it. The API answers
 * {@code {"error": kind, "code": code, "message": …, "guards": [...]}} with {@code status}.
 */
public final class CommandRefusedException extends RuntimeException {
    /** Every code a refusal may carry (each has a text in every language: CaseTextsBundleTest). */
    public static final List<String> CODES = List.of("bad_action", "reason_too_long", "override_not_applicable",
            "override_forbidden", "command_forbidden", "reason_required", "unknown_device", "bad_port", "wrong_device",
            "kafka_unavailable", Guard.ALERT_OPEN, Guard.TEMPERATURE_HIGH, Guard.TEMPERATURE_UNKNOWN);

    private final int status;
    private final String kind;
    private final String code;
    private final List<Guard> guards;
    private final List<Object> args;

    CommandRefusedException(int status, String kind, String code, String message, List<Guard> guards,
                            Object... args) {
        super(message);
        this.status = status;
        this.kind = kind;
        this.code = code;
        this.guards = List.copyOf(guards);
        this.args = List.of(args);
    }

    /** {@code args} are the refusal's variable parts, in the order its text names them (the reader's language). */
    static CommandRefusedException invalid(String code, String message, Object... args) {
        return new CommandRefusedException(400, "invalid", code, message, List.of(), args);
    }

    static CommandRefusedException forbidden(String code, String message, Object... args) {
        return new CommandRefusedException(403, "forbidden", code, message, List.of(), args);
    }

    /** A resume refused by its guards: 409, coded by the first guard, the message naming each. */
    static CommandRefusedException guarded(List<Guard> guards) {
        String message = "resume refused: " + Guard.messages(guards);
        return new CommandRefusedException(409, "conflict", guards.get(0).code(), message, guards);
    }

    static CommandRefusedException unavailable(String message) {
        return new CommandRefusedException(503, "unavailable", "kafka_unavailable", message, List.of());
    }

    public int status() {
        return status;
    }

    /** The error body, beside the message. */
    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("code", code);
        if (!guards.isEmpty()) {
            d.put("guards", guards.stream().map(Guard::asData).toList());
        }
        return d;
    }

    public String kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public List<Guard> guards() {
        return guards;
    }

    public List<Object> args() {
        return args;
    }
}
