package io.anju.cases.api;

import io.vertx.core.http.HttpServerRequest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a sign-in comes from, for the {@link LoginThrottle}: the peer's address, or, when the peer is a trusted
 * proxy ({@code login.trustedProxies}, by default this host: the dashboards forward their browsers' sign-ins), the
 * last address of its {@code X-Forwarded-For}. Anyone else's {@code X-Forwarded-For} is ignored: it is theirs to make up.
 */
final class SignInSource {
    private final Set<String> trustedProxies;

    /** @param trustedProxies literal IP addresses ({@link ApiSettings} checks them) */
    SignInSource(Set<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(SignInSource::canonical).collect(Collectors.toSet());
    }

    String of(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? "unknown" : canonical(request.remoteAddress().hostAddress());
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || !trustedProxies.contains(peer)) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        String last = hops[hops.length - 1].trim();
        return isLiteral(last) ? canonical(last) : peer;
    }

    /** One spelling per address ({@code ::1} and {@code 0:0:0:0:0:0:0:1} alike); anything else as it is. */
    static String canonical(String address) {
        if (!isLiteral(address)) {
            return address;
        }
        try {
            return InetAddress.getByName(address).getHostAddress();
        } catch (UnknownHostException e) {
            return address;
        }
    }

    /** An IPv4 or IPv6 literal: never resolved as a name. */
    static boolean isLiteral(String address) {
        return address.matches("[0-9.]+") || address.matches("[0-9a-fA-F:.]+") && address.contains(":");
    }
}
