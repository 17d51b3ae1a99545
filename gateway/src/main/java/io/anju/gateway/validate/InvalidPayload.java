package io.anju.gateway.validate;

/** Thrown by the field checks to abort validation with a reason; never escapes {@link PayloadValidator}. */
final class InvalidPayload extends RuntimeException {
    InvalidPayload(String code, String detail) {
        super(code + ": " + detail, null, false, false);
    }
}
