package io.anju.platform.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;
import io.anju.testsupport.LiveClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A district operator watching the dashboards: signed in through {@code POST /api/session} as a browser is, reading
 * {@code /api/live} all along and keeping every {@code alert} event as {@code id#revision}, in order.
 */
final class LiveAlerts implements AutoCloseable {
    private final LiveClient client;
    private final List<String> shown = new ArrayList<>();

    private LiveAlerts(LiveClient client) {
        this.client = client;
    }

    static LiveAlerts watch(String dashboardsUrl, String name, String password) throws Exception {
        LiveClient client = new LiveClient(dashboardsUrl);
        LiveAlerts alerts = new LiveAlerts(client);
        client.signIn(name, password);
        client.open((event, data, nanos) -> {
            if (event.equals("alert")) {
                alerts.add(data);
            }
        });
        return alerts;
    }

    private void add(String data) {
        JsonNode a = tree(data);
        synchronized (shown) {
            shown.add(a.path("id").asText() + "#" + a.path("revision").asInt());
        }
    }

    /** Every alert event so far, as {@code id#revision}. */
    List<String> shown() {
        synchronized (shown) {
            return List.copyOf(shown);
        }
    }

    /** The open alerts {@code GET /api/alerts/active} answers now, as {@code id#revision}. */
    Set<String> active() throws Exception {
        Set<String> out = new HashSet<>();
        tree(client.get("/api/alerts/active")).forEach(a -> out.add(a.path("id").asText() + "#"
                + a.path("revision").asInt()));
        return out;
    }

    /** The dashboards have not dropped the stream. */
    boolean reading() {
        return client.open();
    }

    private static JsonNode tree(String json) {
        try {
            return Json.tree(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
