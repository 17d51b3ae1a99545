package io.anju.sim.link;

/** A connect, subscribe or publish that failed; {@code reasonCode} is the client library's code when known. */
public final class LinkException extends Exception {
    private final int reasonCode;

    public LinkException(String message, int reasonCode, Throwable cause) {
        super(message, cause);
        this.reasonCode = reasonCode;
    }

    public int reasonCode() {
        return reasonCode;
    }
}
