package io.anju.dashboards.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in people by session id, in memory: a restart signs everyone out, which is the safe side for a tool that
 * holds case-service tokens. Ids are 32 random bytes; a session ends at its expiry, at sign-out, or when
 * {@code maxSessions} would be exceeded (the one closest to expiry goes first).
 */
public final class SessionStore {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxSessions;

    public SessionStore(Clock clock, int maxSessions) {
        if (maxSessions < 1) {
            throw new IllegalArgumentException("session.max must be ≥ 1 (was " + maxSessions + ")");
        }
        this.clock = clock;
        this.maxSessions = maxSessions;
    }

    /** One signed-in person until {@code expires}. */
    public record Session(String id, Viewer viewer, Instant expires) {
    }

    public Session open(Viewer viewer, Instant expires) {
        if (sessions.size() >= maxSessions) {
            purgeExpired();
            while (sessions.size() >= maxSessions) {
                sessions.values().stream().min(Comparator.comparing(Session::expires))
                        .ifPresent(oldest -> sessions.remove(oldest.id()));
            }
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        Session session = new Session(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), viewer, expires);
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session with this id; an expired one is dropped on the way. */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        if (!s.expires().isAfter(clock.instant())) {
            sessions.remove(id, s);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Drops expired sessions; the server calls this now and then so abandoned ones do not pile up. */
    public int purgeExpired() {
        Instant now = clock.instant();
        int before = sessions.size();
        sessions.values().removeIf(s -> !s.expires().isAfter(now));
        return before - sessions.size();
    }

    public int size() {
        return sessions.size();
    }

    public Instant now() {
        return clock.instant();
    }
}
