package io.anju.cases.people;

/**
 * An acknowledge link that cannot be used, with the HTTP status that says why: 403 not valid (tampered, or its contact
 * is disabled), 410 gone (expired, or used already), 409 the case no longer awaits acknowledgement.
 */
public final class AckRefusedException extends RuntimeException {
    private final int status;

    public AckRefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
