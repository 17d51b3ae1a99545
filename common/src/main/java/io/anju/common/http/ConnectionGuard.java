package io.anju.common.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps a listener's connections within bounds. At most {@code maxConnections} are open: one more is closed on
 * arrival. A connection that is not in the middle of a request (just opened, or its last answer ended) must start
 * its next request within {@code headerTimeout}: the idle timeout alone does not stop a client that sends a header
 * byte now and then (slowloris). Vert.x hands a request over once its headers are read, so "started" means headers
 * received. A sweep every {@value #SWEEP_MS} ms closes the late ones.
 */
final class ConnectionGuard {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
    static final long SWEEP_MS = 1_000;

    /** One open connection: its current request (null before the first) and since when it waits for one. */
    private static final class Watched {
        final AtomicReference<HttpServerRequest> current = new AtomicReference<>();
        volatile long waitingSince;

        Watched(long now) {
            this.waitingSince = now;
        }
    }

    private final int maxConnections;
    private final long headerTimeoutMs;
    private final Map<HttpConnection, Watched> open = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();

    ConnectionGuard(int maxConnections, long headerTimeoutMs) {
        this.maxConnections = maxConnections;
        this.headerTimeoutMs = headerTimeoutMs;
    }

    void connected(HttpConnection connection) {
        if (open.size() >= maxConnections) {
            if (refused.getAndIncrement() % 1000 == 0) {
                LOG.warn("{} connections open: closing new ones (http.maxConnections); {} refused so far",
                        open.size(), refused.get());
            }
            connection.close();
            return;
        }
        open.put(connection, new Watched(System.currentTimeMillis()));
        connection.closeHandler(v -> open.remove(connection));
    }

    /** The request handler, noting on which connection a request has begun. */
    Handler<HttpServerRequest> watching(Handler<HttpServerRequest> handler) {
        return request -> {
            Watched w = open.get(request.connection());
            if (w != null) {
                w.current.set(request);
            }
            handler.handle(request);
        };
    }

    void sweep(long now) {
        open.forEach((connection, w) -> {
            HttpServerRequest current = w.current.get();
            if (current != null && !current.response().ended()) {
                w.waitingSince = now; // busy: an answer (or a live stream) in progress
            } else if (current != null) {
                // Answered: from now on it waits for its next request (unless that began meanwhile).
                if (w.current.compareAndSet(current, null)) {
                    w.waitingSince = now;
                }
            } else if (now - w.waitingSince >= headerTimeoutMs) {
                timedOut.incrementAndGet();
                open.remove(connection);
                connection.close();
            }
        });
    }

    int open() {
        return open.size();
    }

    long refused() {
        return refused.get();
    }

    long timedOut() {
        return timedOut.get();
    }
}
