package io.anju.gateway.auth;

import io.anju.gateway.protect.ExpiringKeys;

/**
 * The signed tokens this node accepted, each kept until it would be too old anyway: a token logs in once, so one
 * overheard (or logged by a proxy) cannot be replayed within its window. A token is told apart by its device and the
 * time it carries: the signature follows from those two. Per node and in memory only (docs/security.md says what
 * that leaves open). Thread-safe.
 */
final class UsedTokens {
    /** Forgetting works in steps of a second: a used token is held at most that much longer than its window. */
    private static final long BUCKET_MS = 1_000;

    enum Use {
        /** The token had not been used: this CONNECT may proceed. */
        FIRST,
        /** The token was used before: a replay. */
        REPLAYED,
        /** No room to remember it: refused, since it could not be refused the next time. */
        NO_ROOM
    }

    private record Token(String deviceId, long tokenMs) {
    }

    private final ExpiringKeys<Token> used;

    UsedTokens(int capacity) {
        this.used = new ExpiringKeys<>(capacity, BUCKET_MS);
    }

    /** Marks the token used until {@code lastAdmittedAtMs} (after which its time alone refuses it). */
    Use use(String deviceId, long tokenMs, long lastAdmittedAtMs, long nowMs) {
        return switch (used.addIfAbsent(new Token(deviceId, tokenMs), lastAdmittedAtMs, nowMs)) {
            case NEW -> Use.FIRST;
            case PRESENT -> Use.REPLAYED;
            case FULL -> Use.NO_ROOM;
        };
    }

    int size() {
        return used.size();
    }
}
