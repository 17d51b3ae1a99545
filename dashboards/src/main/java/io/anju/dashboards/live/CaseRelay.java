package io.anju.dashboards.live;

import io.anju.common.sse.SseText;
import io.anju.common.text.Lang;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Passes the case service's notices to a browser's {@code /api/live} stream as {@code case} events. Each browser
 * stream gets its own upstream subscription to the case service's {@code /api/v1/events}, signed in with that
 * person's token, so the case service's own scope rules decide what is relayed, and in the stream's language, so the
 * case service words the notices (case titles, history notes) as that person reads them. The upstream is re-opened after a
 * pause while the browser stays connected, and closed with it. The notices are written through the live stream's
 * slow-client policy, like every other live event: a browser that does not keep up is dropped and reconnects.
 */
final class CaseRelay {
    private static final Logger LOG = LoggerFactory.getLogger(CaseRelay.class);
    static final long RECONNECT_MS = 3_000;
    static final long WATCH_MS = 5_000;

    private final Vertx vertx;
    private final HttpClient client;
    private final URI events;
    private final LiveStream streams;

    /** @param streams the live streams the notices go to, under their slow-client policy */
    CaseRelay(Vertx vertx, String casesUrl, LiveStream streams) {
        this.vertx = vertx;
        this.streams = streams;
        this.events = URI.create(casesUrl.replaceAll("/+$", "") + "/api/v1/events");
        // One long-lived upstream connection per browser stream: the pool must hold as many as there may be streams,
        // or the sixth viewer's relay would wait for a free connection for ever (the default pool holds five).
        this.client = vertx.createHttpClient(new HttpClientOptions().setIdleTimeout(0),
                new PoolOptions().setHttp1MaxSize(LiveStream.MAX_CLIENTS));
    }

    /**
     * Starts relaying to {@code browser}. The browser stream's close handler belongs to the live stream, so the relay
     * notices a closed browser by looking: on every upstream event and every {@value #WATCH_MS} ms.
     */
    void attach(HttpServerResponse browser, String token, Lang lang) {
        subscribe(browser, token, lang, null);
    }

    private void subscribe(HttpServerResponse browser, String token, Lang lang, String lastEventId) {
        if (browser.closed()) {
            return;
        }
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost(events.getHost())
                .setPort(events.getPort() > 0 ? events.getPort() : 80).setURI(events.getRawPath())
                .putHeader("Authorization", "Bearer " + token).putHeader("Accept", "text/event-stream")
                .putHeader("Accept-Language", lang.languageTag());
        if (lastEventId != null) {
            request.putHeader("Last-Event-ID", lastEventId);
        }
        SseFrames frames = new SseFrames();
        client.request(request)
                .compose(req -> req.send())
                .onSuccess(upstream -> {
                    if (upstream.statusCode() != 200) {
                        LOG.debug("case events answered {}: not relayed", upstream.statusCode());
                        return;
                    }
                    long watch = vertx.setPeriodic(WATCH_MS, id -> {
                        if (browser.closed()) {
                            vertx.cancelTimer(id);
                            upstream.request().reset();
                        }
                    });
                    upstream.handler(chunk -> frames.feed(chunk, (id, data) -> {
                        if (browser.closed()) {
                            upstream.request().reset();
                        } else {
                            streams.relay(browser, SseText.event(null, "case", data));
                        }
                    }));
                    AtomicBoolean ended = new AtomicBoolean();
                    Handler<Void> again = v -> {
                        if (ended.compareAndSet(false, true)) {
                            vertx.cancelTimer(watch);
                            retry(browser, token, lang, frames.lastId());
                        }
                    };
                    upstream.endHandler(again);
                    upstream.exceptionHandler(e -> again.handle(null));
                })
                .onFailure(e -> retry(browser, token, lang, frames.lastId()));
    }

    private void retry(HttpServerResponse browser, String token, Lang lang, String lastEventId) {
        if (!browser.closed()) {
            vertx.setTimer(RECONNECT_MS, id -> subscribe(browser, token, lang, lastEventId));
        }
    }

    void close() {
        client.close();
    }

    /** Splits an event stream into events; keeps the last id so a re-subscription resumes where it stopped. */
    static final class SseFrames {
        interface Sink {
            void event(String id, String data);
        }

        private final StringBuilder pending = new StringBuilder();
        private String lastId;

        void feed(Buffer chunk, Sink sink) {
            pending.append(chunk.toString());
            int end;
            while ((end = pending.indexOf("\n\n")) >= 0) {
                String frame = pending.substring(0, end);
                pending.delete(0, end + 2);
                String id = null;
                StringBuilder data = new StringBuilder();
                for (String line : frame.split("\n")) {
                    if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).stripLeading());
                    }
                }
                if (id != null) {
                    lastId = id;
                }
                if (data.length() > 0) {
                    sink.event(id, data.toString());
                }
            }
        }

        String lastId() {
            return lastId;
        }
    }
}
