package io.anju.common.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may read a service's {@code /metrics} on its public listener. Without a token (the default) only callers on
 * the same host (loopback) may: the platform's own scrapers run there. With a token every caller, loopback
 * included, must send {@code Authorization: Bearer <token>}, so a reverse proxy on the same host does not make
 * the metrics public. Prometheus sends such a header with {@code authorization: {credentials_file: ...}}.
 */
public final class MetricsAccess {
    /** A token shorter than this is refused at start: it would be guessable. */
    public static final int MIN_TOKEN_LENGTH = 16;

    private final byte[] token;

    private MetricsAccess(String token) {
        this.token = token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param token the {@code metrics.token} setting; empty = loopback callers only
     * @throws IllegalArgumentException naming {@code metrics.token} when it is set but too short
     */
    public static MetricsAccess of(String token) {
        if (!token.isEmpty() && token.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("setting metrics.token must be empty (loopback callers only) or at least "
                    + MIN_TOKEN_LENGTH + " characters (was " + token.length() + ")");
        }
        return new MetricsAccess(token);
    }

    /**
     * Why this caller may not read the metrics, or empty when it may.
     *
     * @param remoteHost    the caller's address as the socket reports it
     * @param authorization the request's {@code Authorization} header (may be null)
     */
    public Optional<String> refusal(String remoteHost, String authorization) {
        if (token == null) {
            return loopback(remoteHost) ? Optional.empty()
                    : Optional.of("metrics are served to callers on this host only (set metrics.token to let others read them)");
        }
        String prefix = "Bearer ";
        boolean ok = authorization != null && authorization.startsWith(prefix) && MessageDigest.isEqual(token,
                authorization.substring(prefix.length()).getBytes(StandardCharsets.UTF_8));
        return ok ? Optional.empty() : Optional.of("metrics need Authorization: Bearer <metrics.token>");
    }

    private static boolean loopback(String host) {
        if (host == null || !(host.matches("[0-9.]+") || host.contains(":"))) {
            return false; // only literal addresses (what a socket reports): never resolve a name here
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
