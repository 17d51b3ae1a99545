package io.anju.dashboards.live;

import io.anju.common.sse.SseText;
import io.anju.dashboards.session.ScopeView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server-sent events of {@code /api/live}. Changes arrive from the Kafka threads; a timer on one Vert.x context
 * hands them out every {@value #FLUSH_EVERY_MS} ms to each connection whose scope sees them. Zone and charger states
 * are coalesced to at most one event per item per second (the newest wins); alerts and commands all go out. A client
 * that does not keep up (its write queue is full) is dropped: it reconnects and reloads, rather than the service
 * buffering for it.
 */
final class LiveStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveStream.class);
    static final long FLUSH_EVERY_MS = 200;
    static final long COALESCE_MS = 1_000;
    static final long HEARTBEAT_MS = 15_000;
    /** Connections at most; more are refused with 503. */
    static final int MAX_CLIENTS = 1_000;
    /** Bytes written but not yet sent to one client before it counts as slow. */
    static final int CLIENT_QUEUE_BYTES = 256 * 1024;
    /** Alert and command events waiting for the next flush; beyond it (a replay burst) they are dropped and counted. */
    static final int BACKLOG = 10_000;

    private record Client(HttpServerResponse response, ScopeView scope) {
    }

    private final Vertx vertx;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final Map<String, LiveEvent> coalescing = new ConcurrentHashMap<>();
    private final BlockingQueue<LiveEvent> backlog = new ArrayBlockingQueue<>(BACKLOG);
    private final Map<String, Long> lastSent = new HashMap<>();
    private final Counter dropped;
    private final Counter overflow;
    private final long flushTimer;
    private final long heartbeatTimer;

    LiveStream(Vertx vertx, MeterRegistry meters) {
        this.vertx = vertx;
        this.dropped = Counter.builder("anju.dashboards.live.sse.dropped")
                .description("SSE clients dropped for not keeping up").register(meters);
        this.overflow = Counter.builder("anju.dashboards.live.sse.overflow")
                .description("alert and command events not sent because the backlog was full").register(meters);
        Gauge.builder("anju.dashboards.live.sse.clients", clients, Set::size).register(meters);
        this.flushTimer = vertx.setPeriodic(FLUSH_EVERY_MS, id -> flush(System.currentTimeMillis()));
        this.heartbeatTimer = vertx.setPeriodic(HEARTBEAT_MS, id -> broadcastComment("hb"));
    }

    /** Takes a change from any thread. */
    void accept(LiveEvent e) {
        if (clients.isEmpty()) {
            return;
        }
        if (e.coalesced()) {
            coalescing.put(e.name() + ':' + e.itemId(), e);
        } else if (!backlog.offer(e)) {
            overflow.increment();
        }
    }

    /** Starts the event stream on this response; false when the service is at its connection limit. */
    boolean open(HttpServerResponse response, ScopeView scope) {
        if (clients.size() >= MAX_CLIENTS) {
            return false;
        }
        response.setChunked(true)
                .setWriteQueueMaxSize(CLIENT_QUEUE_BYTES)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        Client client = new Client(response, scope);
        response.closeHandler(v -> clients.remove(client));
        response.exceptionHandler(err -> clients.remove(client));
        response.write(SseText.opening(3000));
        clients.add(client);
        return true;
    }

    int clients() {
        return clients.size();
    }

    @Override
    public void close() {
        vertx.cancelTimer(flushTimer);
        vertx.cancelTimer(heartbeatTimer);
        for (Client c : clients) {
            c.response().end();
        }
        clients.clear();
    }

    private void flush(long now) {
        List<LiveEvent> due = new ArrayList<>();
        backlog.drainTo(due);
        // An item last sent a second ago or more may go at once: forgetting it keeps this map to the busy items.
        lastSent.values().removeIf(t -> now - t >= COALESCE_MS);
        for (Iterator<Map.Entry<String, LiveEvent>> it = coalescing.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, LiveEvent> entry = it.next();
            if (!lastSent.containsKey(entry.getKey())) {
                // remove(key, value): a newer state put meanwhile stays for the next round.
                if (coalescing.remove(entry.getKey(), entry.getValue())) {
                    due.add(entry.getValue());
                    lastSent.put(entry.getKey(), now);
                }
            }
        }
        for (LiveEvent e : due) {
            broadcast(e);
        }
    }

    private void broadcast(LiveEvent e) {
        String frame = SseText.event(null, e.name(), e.data());
        for (Client c : clients) {
            if (e.subject().visibleTo(c.scope())) {
                write(c, frame);
            }
        }
    }

    private void broadcastComment(String text) {
        for (Client c : clients) {
            write(c, SseText.comment(text));
        }
    }

    /**
     * Writes one frame to the live stream on {@code response} under the same slow-client policy as every live event:
     * a stream whose write queue is full is dropped. For relays that write to a stream of their own (case notices).
     */
    void relay(HttpServerResponse response, String frame) {
        for (Client c : clients) {
            if (c.response() == response) {
                write(c, frame);
                return;
            }
        }
    }

    private void write(Client c, String frame) {
        if (c.response().closed() || c.response().ended()) {
            clients.remove(c);
        } else if (c.response().writeQueueFull()) {
            clients.remove(c);
            dropped.increment();
            LOG.info("live stream of {} dropped: not keeping up", c.scope().viewer().name());
            c.response().reset();
        } else {
            c.response().write(frame);
        }
    }
}
