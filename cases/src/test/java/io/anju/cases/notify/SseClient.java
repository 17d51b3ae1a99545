package io.anju.cases.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A minimal server-sent-events client over Vert.x's HTTP client: collects events and comment lines. */
final class SseClient {

    record Event(long id, String event, String data) {
    }

    private final HttpClient client;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final StringBuilder pending = new StringBuilder();
    private volatile int status;

    private SseClient(HttpClient client) {
        this.client = client;
    }

    static Future<SseClient> connect(Vertx vertx, int port, String uri, String lastEventId) {
        SseClient sse = new SseClient(vertx.createHttpClient());
        return sse.client.request(HttpMethod.GET, port, "localhost", uri)
                .compose(req -> {
                    req.putHeader("Accept", "text/event-stream");
                    if (lastEventId != null) {
                        req.putHeader(SseHub.LAST_EVENT_ID, lastEventId);
                    }
                    return req.send();
                })
                .map(resp -> {
                    sse.status = resp.statusCode();
                    resp.handler(sse::onData);
                    return sse;
                });
    }

    private void onData(Buffer chunk) {
        pending.append(chunk.toString());
        int end;
        while ((end = pending.indexOf("\n\n")) >= 0) {
            String block = pending.substring(0, end);
            pending.delete(0, end + 2);
            parse(block);
        }
    }

    private void parse(String block) {
        Long id = null;
        String event = null;
        StringBuilder data = null;
        for (String line : block.split("\n")) {
            if (line.startsWith(":")) {
                comments.add(line.substring(1).trim());
            } else if (line.startsWith("id: ")) {
                id = Long.parseLong(line.substring(4));
            } else if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n').append(line.substring(6));
            }
        }
        if (event != null) {
            events.add(new Event(id == null ? -1 : id, event, data == null ? null : data.toString()));
        }
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    List<Long> ids() {
        return events.stream().map(Event::id).toList();
    }

    List<String> comments() {
        return List.copyOf(comments);
    }

    int status() {
        return status;
    }

    Future<Void> close() {
        return client.close();
    }
}
