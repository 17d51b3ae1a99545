package io.anju.cases.notify;

import io.anju.common.sse.SseText;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.anju.cases.access.AccessPolicy;
import io.anju.cases.json.CasesJson;
import io.anju.cases.model.Principal;
import io.anju.cases.text.CaseTexts;
import io.anju.common.text.Lang;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live stream of case notices for signed-in users (the API mounts {@link #handle} at
 * {@code GET /api/v1/events}). Each notice is a server-sent event {@code id: <audit seq>}, {@code event: <kind>},
 * {@code data: <notice JSON>}, sent only to those whose scope covers the case ({@link AccessPolicy#canSee}).
 * A client that reconnects with {@code Last-Event-ID} (or {@code ?lastEventId=}) first gets what it missed, from
 * the outbox rows of this channel, then the live notices. A comment line every heartbeat keeps the stream open.
 * <p>Each subscriber reads the notices in the language its request asks for ({@code ?lang=}, else
 * {@code Accept-Language}, else Chinese), as the API answers: the case's title and description and the entry's note
 * are rendered by {@link CaseTexts} ({@link CaseNotice#in}); the queued notice keeps the stored words.
 * <p>As a channel, a delivery is a broadcast to whoever is connected; it counts as delivered with nobody connected,
 * since a client that connects later gets the notice by replay.
 */
public final class SseHub implements DeliveryChannel {
    private static final Logger LOG = LoggerFactory.getLogger(SseHub.class);
    public static final String NAME = "sse";
    public static final String LAST_EVENT_ID = "Last-Event-ID";

    private static final String REPLAY = """
            select event_seq, kind, payload::text as payload from outbox
             where channel = $1 and event_seq > $2 and failed_at is null
             order by event_seq
             limit $3""";

    private final Vertx vertx;
    private final Pool pool;
    private final AccessPolicy access;
    private final SseSettings settings;
    private final CaseTexts texts;
    private final Set<SseStream> streams = ConcurrentHashMap.newKeySet();
    private final long heartbeatTimer;

    /** @param texts renders each notice in its subscriber's language (with the registry's place names) */
    public SseHub(Vertx vertx, Pool pool, AccessPolicy access, SseSettings settings, CaseTexts texts) {
        this.vertx = vertx;
        this.pool = pool;
        this.access = access;
        this.settings = settings;
        this.texts = texts;
        this.heartbeatTimer = vertx.setPeriodic(settings.heartbeat().toMillis(),
                id -> streams.forEach(s -> s.comment("keep-alive")));
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Opens a stream for {@code who}: replays from Last-Event-ID when given, then stays open with live notices. */
    public void handle(RoutingContext ctx, Principal who) {
        Long lastEventId;
        try {
            lastEventId = lastEventId(ctx);
        } catch (NumberFormatException e) {
            ctx.response().setStatusCode(400).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("Last-Event-ID must be the id of an earlier event, a number (was " + e.getMessage() + ")");
            return;
        }
        HttpServerResponse response = ctx.response()
                .setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.setWriteQueueMaxSize(settings.maxBufferedBytes());
        Lang lang = Lang.ofRequest(ctx.request().getParam("lang"), ctx.request().getHeader("Accept-Language"));
        SseStream stream = new SseStream(who, lang, ctx.request(), vertx.getOrCreateContext(), lastEventId != null,
                settings.replayLimit(), streams::remove);
        // Subscribed before the replay query runs, so a notice broadcast meanwhile is held, not lost.
        streams.add(stream);
        response.closeHandler(v -> stream.closed());
        response.exceptionHandler(e -> LOG.debug("event stream of {} failed: {}", who.name(), e.toString()));
        response.write(SseText.opening(settings.retry().toMillis()));
        if (lastEventId != null) {
            replay(stream, lastEventId);
        }
    }

    private static Long lastEventId(RoutingContext ctx) {
        String raw = ctx.request().getHeader(LAST_EVENT_ID);
        if (raw == null) {
            raw = ctx.request().getParam("lastEventId");
        }
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new NumberFormatException(raw);
        }
    }

    private void replay(SseStream stream, long after) {
        pool.preparedQuery(REPLAY).execute(Tuple.of(NAME, after, settings.replayLimit())).onComplete(ar -> {
            if (ar.failed()) {
                LOG.warn("cannot replay events after {} for {}: {}", after, stream.who().name(), ar.cause().toString());
                stream.drop("the replay failed");
                return;
            }
            List<SseFrame> missed = new ArrayList<>();
            for (Row r : ar.result()) {
                CaseNotice notice = parse(r.getString("payload"));
                if (notice != null && access.canSee(stream.who(), notice.after())) {
                    missed.add(frame(r.getLong("event_seq"), r.getString("kind"), notice, stream.lang()));
                }
            }
            stream.replay(missed, ar.result().size() >= settings.replayLimit());
        });
    }

    /** Counted as delivered with nobody watching, so it does not confirm that a red notice reached anyone. */
    @Override
    public boolean confirmsDelivery() {
        return false;
    }

    @Override
    public Future<Void> deliver(OutboxRow row) {
        if (streams.isEmpty()) {
            return Future.succeededFuture(); // nobody to tell: not worth reading the notice
        }
        CaseNotice notice = parse(row.payload());
        if (notice == null) {
            return Future.failedFuture(DeliveryFailure.permanent("outbox row " + row.id() + " is not a case notice"));
        }
        Map<Lang, SseFrame> frames = new EnumMap<>(Lang.class); // rendered once per language read
        for (SseStream s : streams) {
            if (access.canSee(s.who(), notice.after())) {
                s.offer(frames.computeIfAbsent(s.lang(), lang -> frame(row.eventSeq(), row.kind(), notice, lang)));
            }
        }
        return Future.succeededFuture();
    }

    /** The event of {@code notice} as a reader of {@code lang} reads it. */
    private SseFrame frame(long seq, String kind, CaseNotice notice, Lang lang) {
        try {
            return new SseFrame(seq, kind, CasesJson.mapper().writeValueAsString(notice.in(lang, texts)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a case notice read from JSON cannot be written back", e);
        }
    }

    /** Streams open now. */
    public int subscribers() {
        return streams.size();
    }

    /** Stops the heartbeat and closes every open stream. */
    public void close() {
        vertx.cancelTimer(heartbeatTimer);
        List.copyOf(streams).forEach(s -> s.drop("the service is stopping"));
    }

    private static CaseNotice parse(String json) {
        try {
            return CasesJson.mapper().readValue(json, CaseNotice.class);
        } catch (JsonProcessingException e) {
            LOG.warn("skipping an outbox payload that is not a case notice: {}", e.getOriginalMessage());
            return null;
        }
    }
}
