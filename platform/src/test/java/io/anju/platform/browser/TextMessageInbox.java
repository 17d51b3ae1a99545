package io.anju.platform.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.anju.common.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A stand-in for the SMS gateway outside Anju (docs/cases.md, "SMS / voice gateway"): it takes every message the case
 * service sends and keeps it, as the phones on the other side would.
 */
final class TextMessageInbox implements AutoCloseable {
    private final HttpServer server;
    private final List<JsonNode> messages = new CopyOnWriteArrayList<>();

    TextMessageInbox() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/send", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                messages.add(Json.mapper().readTree(in.readAllBytes()));
            }
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/send";
    }

    /** The first message so far that {@code wanted} accepts. */
    Optional<JsonNode> first(Predicate<JsonNode> wanted) {
        return messages.stream().filter(wanted).findFirst();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
