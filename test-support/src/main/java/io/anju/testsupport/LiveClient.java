package io.anju.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A person watching the dashboards: signs in through {@code POST /api/session} as the browser does (the session
 * cookie) and reads {@code GET /api/live} on a thread of its own, handing each event to a listener with the
 * {@link System#nanoTime()} at which its last line arrived. Used by the e2e bench and the platform's kill test.
 */
public final class LiveClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveClient.class);

    public interface Listener {
        void event(String name, String data, long receivedNanos);
    }

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final Map<String, LongAdder> received = new ConcurrentHashMap<>();
    private volatile InputStream stream;
    private volatile boolean closing;
    private Thread reader;

    public LiveClient(String baseUrl) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    public void signIn(String name, String password) throws IOException, InterruptedException {
        String body = "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}";
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/session"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new IOException("sign-in as " + name + " answered " + res.statusCode() + ": " + res.body());
        }
    }

    /** Opens the live stream; events go to the listener until {@link #close()}. */
    public void open(Listener listener) throws IOException, InterruptedException {
        HttpResponse<InputStream> res = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/live"))
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (res.statusCode() != 200) {
            res.body().close();
            throw new IOException("/api/live answered " + res.statusCode());
        }
        stream = res.body();
        SseParser parser = new SseParser((name, data) -> {
            received.computeIfAbsent(name, k -> new LongAdder()).increment();
            listener.event(name, data, System.nanoTime());
        });
        reader = new Thread(() -> read(parser), "bench-live-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(SseParser parser) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                parser.line(line);
            }
            if (!closing) {
                LOG.warn("the dashboards closed the live stream (a client that does not keep up is dropped)");
            }
        } catch (IOException e) {
            if (!closing) {
                LOG.warn("live stream failed: {}", e.toString());
            }
        }
    }

    /** {@code GET path} with the session: the body of a 200 answer. */
    public String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new IOException(path + " answered " + res.statusCode() + ": " + res.body());
        }
        return res.body();
    }

    /** Events received so far by name. */
    public Map<String, Long> received() {
        Map<String, Long> out = new java.util.TreeMap<>();
        received.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** The stream is still being read (the dashboards did not drop it). */
    public boolean open() {
        return reader != null && reader.isAlive();
    }

    @Override
    public void close() throws IOException {
        closing = true;
        if (stream != null) {
            stream.close();
        }
    }
}
