package io.anju.dashboards.session;

import io.vertx.core.http.HttpServerResponse;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The long-lived answers (live streams) open for each session, so that they end with it: at sign-out, when the case
 * service no longer accepts the person, and when their role or scope changed (the browser reconnects and gets the
 * new scope). A stream is reset rather than ended: its connection closes, which is what the live stream's own
 * bookkeeping and the case relay watch for. Streams that closed by themselves are forgotten on the next look.
 */
final class SessionStreams {
    private final Map<String, Set<HttpServerResponse>> bySession = new ConcurrentHashMap<>();

    void hold(String sessionId, HttpServerResponse stream) {
        bySession.computeIfAbsent(sessionId, id -> ConcurrentHashMap.newKeySet()).add(stream);
    }

    /** Closes every stream of the session. */
    void closeAll(String sessionId) {
        Set<HttpServerResponse> streams = bySession.remove(sessionId);
        if (streams != null) {
            streams.forEach(SessionStreams::close);
        }
    }

    /** The sessions that have a stream open now (forgetting the streams that closed). */
    Set<String> sessionsWithStreams() {
        bySession.forEach((id, streams) -> {
            streams.removeIf(r -> r.closed() || r.ended());
            bySession.computeIfPresent(id, (k, s) -> s.isEmpty() ? null : s);
        });
        return Set.copyOf(bySession.keySet());
    }

    private static void close(HttpServerResponse stream) {
        if (!stream.closed() && !stream.ended()) {
            stream.reset();
        }
    }
}
