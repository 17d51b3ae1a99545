package io.anju.cases.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for an external webhook endpoint. Paths: {@code /flaky} answers 503 to the first two requests of
 * each idempotency key, then 200; {@code /reject} 400; {@code /down} 503; {@code /ok} 200. It keeps every request,
 * and what it accepted after dropping repeats by Idempotency-Key, as a real receiver would.
 */
public final class WebhookReceiver {

    public record Request(String path, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> accepted = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> flakyCounts = new ConcurrentHashMap<>();
    private HttpServer server;

    public Future<WebhookReceiver> start(Vertx vertx) {
        server = vertx.createHttpServer().requestHandler(this::handle);
        return server.listen(0, "localhost").map(s -> this);
    }

    private void handle(HttpServerRequest req) {
        req.body().onSuccess(body -> {
            Map<String, String> headers = new ConcurrentHashMap<>();
            req.headers().forEach(e -> headers.put(e.getKey().toLowerCase(), e.getValue()));
            Request r = new Request(req.path(), headers, body.toString());
            requests.add(r);
            String key = r.header("Idempotency-Key");
            int status = switch (req.path()) {
                case "/flaky" -> flakyCounts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() <= 2 ? 503 : 200;
                case "/reject" -> 400;
                case "/down" -> 503;
                default -> 200;
            };
            if (status == 200) {
                accepted.putIfAbsent(key, r.body());
            }
            req.response().setStatusCode(status).end();
        });
    }

    public String url(String path) {
        return "http://localhost:" + server.actualPort() + path;
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    public Set<String> acceptedKeys() {
        return Set.copyOf(accepted.keySet());
    }

    public void reset() {
        requests.clear();
        accepted.clear();
        flakyCounts.clear();
    }

    public Future<Void> close() {
        return server.close();
    }
}
