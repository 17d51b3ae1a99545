package io.anju.cases.notify;

/**
 * Why a channel could not deliver. A permanent failure (the receiver refused the request itself, e.g. HTTP 400)
 * is not retried; any other failure, of this type or not, is retried with backoff.
 */
public final class DeliveryFailure extends RuntimeException {
    private final boolean permanent;

    private DeliveryFailure(String message, boolean permanent) {
        super(message, null, false, false);
        this.permanent = permanent;
    }

    public static DeliveryFailure permanent(String message) {
        return new DeliveryFailure(message, true);
    }

    public static DeliveryFailure retryable(String message) {
        return new DeliveryFailure(message, false);
    }

    public static boolean isPermanent(Throwable t) {
        return t instanceof DeliveryFailure f && f.permanent;
    }
}
