package io.anju.dashboards.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Signed-in people by session id, in memory: a restart signs everyone out, which is the safe side for a tool that
 * holds case-service tokens. Ids and CSRF tokens are 32 random bytes; a session ends at its expiry, at sign-out,
 * when the case service no longer accepts its person, or when {@code maxSessions} would be exceeded (the one closest
 * to expiry goes first). Whoever holds something for a session (its live streams) hears of its end: {@link #onEnd}.
 */
public final class SessionStore {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final List<Consumer<String>> endListeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final int maxSessions;

    public SessionStore(Clock clock, int maxSessions) {
        if (maxSessions < 1) {
            throw new IllegalArgumentException("session.max must be ≥ 1 (was " + maxSessions + ")");
        }
        this.clock = clock;
        this.maxSessions = maxSessions;
    }

    /**
     * One signed-in person until {@code expires}.
     *
     * @param csrfToken what the front end must send back in {@code X-CSRF-Token} with every change it asks for
     * @param checkedAt when the case service last confirmed the person's account, role and scope
     */
    public record Session(String id, Viewer viewer, Instant expires, String csrfToken, Instant checkedAt) {
    }

    public Session open(Viewer viewer, Instant expires) {
        if (sessions.size() >= maxSessions) {
            purgeExpired();
            while (sessions.size() >= maxSessions) {
                sessions.values().stream().min(Comparator.comparing(Session::expires)).ifPresent(this::end);
            }
        }
        Session session = new Session(randomId(), viewer, expires, randomId(), clock.instant());
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
            end(s);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /** Records that the case service knows the session's person as {@code viewer} now; empty when it has ended. */
    public Optional<Session> checked(String id, Viewer viewer) {
        Instant now = clock.instant();
        return Optional.ofNullable(sessions.computeIfPresent(id,
                (k, s) -> new Session(s.id(), viewer, s.expires(), s.csrfToken(), now)));
    }

    public void close(String id) {
        if (id != null) {
            Session s = sessions.get(id);
            if (s != null) {
                end(s);
            }
        }
    }

    /** Drops expired sessions; the server calls this now and then so abandoned ones do not pile up. */
    public int purgeExpired() {
        Instant now = clock.instant();
        int before = sessions.size();
        sessions.values().stream().filter(s -> !s.expires().isAfter(now)).toList().forEach(this::end);
        return before - sessions.size();
    }

    /** Calls {@code listener} with the id of every session that ends, however it ends. */
    public void onEnd(Consumer<String> listener) {
        endListeners.add(listener);
    }

    public int size() {
        return sessions.size();
    }

    public Instant now() {
        return clock.instant();
    }

    private void end(Session s) {
        if (sessions.remove(s.id()) != null) {
            endListeners.forEach(l -> l.accept(s.id()));
        }
    }

    private static String randomId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
