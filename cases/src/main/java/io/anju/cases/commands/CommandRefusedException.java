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
    private final int status;
    private final String kind;
    private final String code;
    private final List<Guard> guards;

    CommandRefusedException(int status, String kind, String code, String message, List<Guard> guards) {
        super(message);
        this.status = status;
        this.kind = kind;
        this.code = code;
        this.guards = List.copyOf(guards);
    }

    static CommandRefusedException invalid(String code, String message) {
        return new CommandRefusedException(400, "invalid", code, message, List.of());
    }

    static CommandRefusedException forbidden(String code, String message) {
        return new CommandRefusedException(403, "forbidden", code, message, List.of());
    }

    /** A resume refused by its guards: 409, coded by the first guard, the message naming each. */
    static CommandRefusedException guarded(List<Guard> guards) {
        String message = "resume refused: " + String.join("; ", guards.stream().map(Guard::message).toList());
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
}
