package io.anju.cases.auth;

/** Sign-in refused. One message for an unknown name, a wrong password and a disabled account, so names do not leak. */
public final class AuthenticationFailedException extends RuntimeException {

    public static final String MESSAGE = "invalid name or password";

    public AuthenticationFailedException() {
        super(MESSAGE);
    }
}
