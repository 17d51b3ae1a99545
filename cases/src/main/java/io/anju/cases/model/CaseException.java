package io.anju.cases.model;

/**
 * A refused request, with the reason for the person who asked. The API maps the kind to an HTTP status and answers
 * the kind as its stable {@code error} code; the message people read is rendered in their language from the code, or
 * from the finer {@link Reason} when there is one (its arguments filled in). The English message stays as the
 * answer's {@code detail}, for logs and operators.
 */
public class CaseException extends RuntimeException {

    public enum Kind {
        /** 400: the request itself is wrong (missing note, unknown category, score out of range). */
        INVALID(400),
        /** 403: the caller's role or scope does not allow it. */
        FORBIDDEN(403),
        /** 404: no such case (also answered for cases outside the caller's scope, so ids do not leak). */
        NOT_FOUND(404),
        /** 409: not allowed from the case's current state, or the case changed meanwhile. */
        CONFLICT(409);

        public final int httpStatus;

        Kind(int httpStatus) {
            this.httpStatus = httpStatus;
        }
    }

    /** The refusals people meet most, each with its own text (bundle key {@code error.reason.<wire name>}). */
    public enum Reason {
        /** The case's state does not allow the action: {action}, {state}. */
        STATE_FORBIDS_ACTION,
        /** Someone changed the case since it was read. */
        CASE_CHANGED,
        /** No such case (or not visible to the caller): {id}. */
        NO_SUCH_CASE,
        /** The caller's role may not take the action: {role}, {action}. */
        ROLE_MAY_NOT,
        /** The case or unit lies outside the caller's scope. */
        OUTSIDE_SCOPE,
        /** A rota leaves times of the week with nobody on duty and names no fallback: {unit}, {gaps}. */
        ROTA_GAP,
        /** Sign-in refused: unknown name, wrong password or disabled account (all alike). */
        LOGIN_FAILED,
        /** Devices are managed by district operators only: {role}. */
        DEVICES_DISTRICT_ONLY,
        /** No such device in the registry: {id}. */
        NO_SUCH_DEVICE,
        /** A device with that id is registered already: {id}. */
        DEVICE_EXISTS;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Kind kind;
    private final Reason reason;
    private final transient Object[] args;

    public CaseException(Kind kind, String message) {
        this(kind, null, message);
    }

    /** A refusal with its own text: {@code args} fill the reason's pattern (wire codes are translated as words). */
    public CaseException(Kind kind, Reason reason, String message, Object... args) {
        super(message);
        this.kind = kind;
        this.reason = reason;
        this.args = args.clone();
    }

    public Kind kind() {
        return kind;
    }

    /** The finer reason, or null when the kind says it all. */
    public Reason reason() {
        return reason;
    }

    public Object[] args() {
        return args.clone();
    }

    public static CaseException invalid(String message) {
        return new CaseException(Kind.INVALID, message);
    }

    public static CaseException forbidden(String message) {
        return new CaseException(Kind.FORBIDDEN, message);
    }

    public static CaseException notFound(long id) {
        return new CaseException(Kind.NOT_FOUND, Reason.NO_SUCH_CASE, "no case " + id, id);
    }

    public static CaseException conflict(String message) {
        return new CaseException(Kind.CONFLICT, message);
    }
}
