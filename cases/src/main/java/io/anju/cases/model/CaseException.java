package io.anju.cases.model;

/**
 * A refused request, with the reason for the person who asked. The API maps the kind to an HTTP status.
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

    private final Kind kind;

    public CaseException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static CaseException invalid(String message) {
        return new CaseException(Kind.INVALID, message);
    }

    public static CaseException forbidden(String message) {
        return new CaseException(Kind.FORBIDDEN, message);
    }

    public static CaseException notFound(long id) {
        return new CaseException(Kind.NOT_FOUND, "no case " + id);
    }

    public static CaseException conflict(String message) {
        return new CaseException(Kind.CONFLICT, message);
    }
}
