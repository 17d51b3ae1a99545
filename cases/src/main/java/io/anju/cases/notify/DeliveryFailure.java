package io.anju.cases.notify;

/**
 * Why a channel could not deliver. A permanent failure (the receiver refused the request itself, e.g. HTTP 400)
 * is not retried; any other failure, of this type or not, is retried with backoff.
 */
public final class DeliveryFailure extends RuntimeException {
    private final boolean permanent;
    private final Integer httpStatus;

    private DeliveryFailure(String message, boolean permanent, Integer httpStatus) {
        super(message, null, false, false);
        this.permanent = permanent;
        this.httpStatus = httpStatus;
    }

    public static DeliveryFailure permanent(String message) {
        return new DeliveryFailure(message, true, null);
    }

    public static DeliveryFailure retryable(String message) {
        return new DeliveryFailure(message, false, null);
    }

    /** A failure after the receiver answered {@code httpStatus}. */
    public static DeliveryFailure of(String message, boolean permanent, int httpStatus) {
        return new DeliveryFailure(message, permanent, httpStatus);
    }

    /** The receiver's HTTP status when {@code t} is a failure after an answer; else null. */
    public static Integer httpStatusOf(Throwable t) {
        return t instanceof DeliveryFailure f ? f.httpStatus : null;
    }

    public static boolean isPermanent(Throwable t) {
        return t instanceof DeliveryFailure f && f.permanent;
    }
}
