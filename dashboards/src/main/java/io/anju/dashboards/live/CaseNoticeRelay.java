package io.anju.dashboards.live;

import io.anju.dashboards.session.Viewer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * The {@code case} events of {@code /api/live}: for each open live stream, a stream of the case service's
 * {@code GET /api/v1/events} with the viewer's own token, so the case service decides which notices the person sees.
 * A dropped upstream is reopened after {@value #RETRY_MS} ms from the last event id (the case service replays what
 * was missed); a refused token ends the relay (the browser finds its session gone by itself).
 */
final class CaseNoticeRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CaseNoticeRelay.class);
    static final long RETRY_MS = 2_000;

    private final Vertx vertx;
    private final String eventsUrl;
    private final HttpClient client;

    /** {@code casesUrl}: the case service's base URL, e.g. {@code http://127.0.0.1:8081}. */
    CaseNoticeRelay(Vertx vertx, String casesUrl) {
        this.vertx = vertx;
        this.eventsUrl = casesUrl + "/api/v1/events";
        // One long-lived connection per live client: the pool must not cap them at the default five.
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false),
                new PoolOptions().setHttp1MaxSize(LiveStream.MAX_CLIENTS));
    }

    /** Starts relaying the viewer's case notices (their JSON) to {@code notices}; close the result to stop. */
    AutoCloseable open(Viewer viewer, Consumer<String> notices) {
        Upstream upstream = new Upstream(viewer, notices);
        upstream.connect();
        return upstream;
    }

    @Override
    public void close() {
        client.close();
    }

    /** One viewer's upstream stream. */
    private final class Upstream implements AutoCloseable {
        private final Viewer viewer;
        private final Consumer<String> notices;
        private volatile boolean closed;
        private volatile HttpClientRequest request;
        private volatile String lastEventId;
        private int attempt;

        Upstream(Viewer viewer, Consumer<String> notices) {
            this.viewer = viewer;
            this.notices = notices;
        }

        synchronized void connect() {
            if (closed) {
                return;
            }
            int thisAttempt = ++attempt;
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(eventsUrl)
                    .putHeader("Authorization", "Bearer " + viewer.token())
                    .putHeader("Accept", "text/event-stream");
            if (lastEventId != null) {
                options.putHeader("Last-Event-ID", lastEventId);
            }
            client.request(options)
                    .compose(req -> {
                        request = req;
                        return req.send();
                    })
                    .onSuccess(response -> read(response, thisAttempt))
                    .onFailure(err -> retry(thisAttempt, err.toString()));
        }

        private void read(HttpClientResponse response, int thisAttempt) {
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                LOG.info("case notices for {} refused ({}): not relayed", viewer.name(), response.statusCode());
                response.request().reset();
                return;
            }
            if (response.statusCode() != 200) {
                response.request().reset();
                retry(thisAttempt, "HTTP " + response.statusCode());
                return;
            }
            SseParser parser = new SseParser();
            response.handler(chunk -> parser.feed(chunk, frame -> {
                if (frame.id() != null) {
                    lastEventId = frame.id();
                }
                if (frame.data() != null && !closed) {
                    notices.accept(frame.data());
                }
            }));
            response.endHandler(v -> retry(thisAttempt, "ended"));
            response.exceptionHandler(err -> retry(thisAttempt, err.toString()));
        }

        /** Reconnects once per attempt, whichever of end and error comes first. */
        private synchronized void retry(int failedAttempt, String why) {
            if (closed || failedAttempt != attempt) {
                return;
            }
            attempt++;
            LOG.debug("case notices for {}: upstream {}; reopening in {} ms", viewer.name(), why, RETRY_MS);
            vertx.setTimer(RETRY_MS, id -> connect());
        }

        @Override
        public void close() {
            closed = true;
            HttpClientRequest req = request;
            if (req != null) {
                req.reset();
            }
        }
    }
}
