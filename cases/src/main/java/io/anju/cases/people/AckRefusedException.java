package io.anju.cases.people;

/**
 * An acknowledge link that cannot be used, with the HTTP status that says why: 403 not valid (tampered, or its contact
 * is disabled), 410 gone (expired, or used already), 409 the case no longer awaits acknowledgement. The reason is
 * given in English and in Chinese: a refused link may not say whose it is, so the page shows both.
 */
public final class AckRefusedException extends RuntimeException {
    private final int status;
    private final String messageZh;

    public AckRefusedException(int status, String message, String messageZh) {
        super(message);
        this.status = status;
        this.messageZh = messageZh;
    }

    public int status() {
        return status;
    }

    public String messageZh() {
        return messageZh;
    }
}
