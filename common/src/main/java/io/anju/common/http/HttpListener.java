package io.anju.common.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;

import java.util.concurrent.TimeUnit;

/**
 * A Vert.x HTTP server as {@link ListenerSettings} describe it: HTTPS when a PEM pair is set, the idle timeout, and
 * the {@link ConnectionGuard} that caps connections and closes those that take too long to send a request.
 */
public final class HttpListener {
    private final HttpServer server;
    private final ConnectionGuard guard;
    private final long sweepTimer;
    private final Vertx vertx;

    private HttpListener(Vertx vertx, HttpServer server, ConnectionGuard guard, long sweepTimer) {
        this.vertx = vertx;
        this.server = server;
        this.guard = guard;
        this.sweepTimer = sweepTimer;
    }

    /** Listens with {@code handler}; fails as the server does (port taken, unreadable PEM files, ...). */
    public static Future<HttpListener> listen(Vertx vertx, Handler<HttpServerRequest> handler, ListenerSettings s) {
        HttpServer server = vertx.createHttpServer(options(s));
        ConnectionGuard guard = new ConnectionGuard(s.maxConnections(), s.headerTimeout().toMillis());
        server.connectionHandler(guard::connected).requestHandler(guard.watching(handler));
        return server.listen().map(bound -> {
            long sweep = vertx.setPeriodic(ConnectionGuard.SWEEP_MS, id -> guard.sweep(System.currentTimeMillis()));
            return new HttpListener(vertx, bound, guard, sweep);
        });
    }

    static HttpServerOptions options(ListenerSettings s) {
        // No cleartext HTTP/2 upgrade: with it Vert.x holds a new connection back (and from the guard) until its first
        // request is read, so a client that never completes one would not be seen.
        HttpServerOptions options = new HttpServerOptions().setHost(s.host()).setPort(s.port())
                .setHttp2ClearTextEnabled(false)
                .setIdleTimeout((int) s.idleTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        s.tls().ifPresent(tls -> options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(tls.certFile().toString()).setKeyPath(tls.keyFile().toString())));
        return options;
    }

    public int actualPort() {
        return server.actualPort();
    }

    /** Connections open now. */
    public int connections() {
        return guard.open();
    }

    /** Connections closed on arrival because {@code http.maxConnections} were open. */
    public long refused() {
        return guard.refused();
    }

    /** Connections closed because a request's headers did not arrive within {@code http.headerTimeout}. */
    public long timedOut() {
        return guard.timedOut();
    }

    public Future<Void> close() {
        vertx.cancelTimer(sweepTimer);
        return server.close();
    }
}
