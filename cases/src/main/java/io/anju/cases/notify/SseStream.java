package io.anju.cases.notify;

import io.anju.common.sse.SseText;
import io.anju.cases.model.Principal;
import io.anju.common.text.Lang;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One subscriber's open stream. While its missed notices are replayed, live ones wait (bounded) and follow the
 * replay without repeats. Every write happens on the connection's context.
 */
final class SseStream {
    private static final Logger LOG = LoggerFactory.getLogger(SseStream.class);

    private final Principal who;
    private final Lang lang;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final Context context;
    private final int maxPending;
    private final List<SseFrame> pending = new ArrayList<>();
    private final Set<Long> replayed = new HashSet<>();
    private final Consumer<SseStream> onClose;
    private boolean replaying;
    private boolean closed;

    SseStream(Principal who, Lang lang, HttpServerRequest request, Context context, boolean replaying, int maxPending,
              Consumer<SseStream> onClose) {
        this.who = who;
        this.lang = lang;
        this.request = request;
        this.response = request.response();
        this.onClose = onClose;
        this.context = context;
        this.replaying = replaying;
        this.maxPending = maxPending;
    }

    Principal who() {
        return who;
    }

    /** The language the subscriber reads notices in. */
    Lang lang() {
        return lang;
    }

    void offer(SseFrame frame) {
        context.runOnContext(v -> {
            if (closed) {
                return;
            }
            if (!replaying) {
                send(frame);
            } else if (pending.size() < maxPending) {
                pending.add(frame);
            } else {
                drop("more than " + maxPending + " live notices arrived during the replay");
            }
        });
    }

    /** The missed notices, oldest first; then the live ones that came meanwhile. */
    void replay(List<SseFrame> missed, boolean truncated) {
        context.runOnContext(v -> {
            if (closed) {
                return;
            }
            // Bounded by the replay limit, so written without the live backlog check.
            for (SseFrame f : missed) {
                response.write(f.text());
                replayed.add(f.seq());
            }
            if (truncated) {
                response.write(SseText.event(null, "resync", "{\"reason\":\"more notices were missed than are replayed\"}"));
            }
            replaying = false;
            for (SseFrame f : pending) {
                send(f);
            }
            pending.clear();
        });
    }

    void comment(String text) {
        context.runOnContext(v -> {
            if (!closed) {
                write(SseText.comment(text));
            }
        });
    }

    void write(String text) {
        response.write(text);
        if (response.writeQueueFull()) {
            drop("the client reads too slowly");
        }
    }

    void drop(String why) {
        context.runOnContext(v -> {
            if (!closed) {
                LOG.info("closing the event stream of {}: {} (it reconnects with Last-Event-ID)", who.name(), why);
                closed();
                // HTTP/1.1 has no per-stream reset: the connection goes; HTTP/2 resets just this stream.
                if (request.version() == HttpVersion.HTTP_2) {
                    response.reset();
                } else {
                    request.connection().close();
                }
            }
        });
    }

    /** The stream is gone (dropped, or the client went away): stop writing and unsubscribe. */
    void closed() {
        closed = true;
        onClose.accept(this);
    }

    private void send(SseFrame f) {
        if (!replayed.contains(f.seq())) {
            write(f.text());
        }
    }
}
