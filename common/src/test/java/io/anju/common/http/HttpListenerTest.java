package io.anju.common.http;

import io.anju.testsupport.SelfSignedPem;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared Vert.x listener on a real socket: idle and slow clients are closed, connections capped, HTTPS served. */
class HttpListenerTest {
    private final Vertx vertx = Vertx.vertx();
    private HttpListener listener;

    @AfterEach
    void close() throws Exception {
        if (listener != null) {
            listener.close().await(10, TimeUnit.SECONDS);
        }
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private int listen(Optional<ListenerSettings.Tls> tls, Duration idle, Duration header, int max) throws Exception {
        listener = HttpListener.listen(vertx, req -> req.response().end("ok"),
                        new ListenerSettings("127.0.0.1", 0, tls, idle, header, max))
                .await(10, TimeUnit.SECONDS);
        return listener.actualPort();
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout() throws Exception {
        int port = listen(Optional.empty(), Duration.ofMillis(500), Duration.ofMinutes(1), 10);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5_000);
            long start = System.nanoTime();
            assertThat(s.getInputStream().read()).as("end of stream").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void aClientDribblingItsHeadersIsClosedAfterTheHeaderTimeout() throws Exception {
        int port = listen(Optional.empty(), Duration.ofSeconds(30), Duration.ofSeconds(1), 10);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(200);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            byte[] header = "GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                    .getBytes(StandardCharsets.US_ASCII);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
            boolean closed = false;
            for (int i = 0; i < header.length && System.nanoTime() < deadline && !closed; i++) {
                try {
                    out.write(header[i]); // one byte every 200 ms: never idle, never a whole request
                    out.flush();
                    closed = in.read() == -1;
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // nothing from the server yet
                } catch (IOException reset) {
                    closed = true;
                }
            }
            assertThat(closed).as("closed before its headers were complete").isTrue();
            assertThat(listener.timedOut()).isEqualTo(1);
        }
    }

    @Test
    void aKeptAliveConnectionServesRequestsWithinTheHeaderTimeout() throws Exception {
        int port = listen(Optional.empty(), Duration.ofSeconds(30), Duration.ofSeconds(2), 10);
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).isEqualTo("ok");
        }
        assertThat(listener.timedOut()).isZero();
    }

    @Test
    void connectionsBeyondTheCapAreClosedOnArrival() throws Exception {
        int port = listen(Optional.empty(), Duration.ofSeconds(30), Duration.ofSeconds(30), 2);
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Socket s = new Socket("127.0.0.1", port);
                held.add(s);
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                s.setSoTimeout(5_000);
                assertThat(new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
                        .isEqualTo("HTTP/1.1 200");
            }
            try (Socket third = new Socket("127.0.0.1", port)) {
                third.setSoTimeout(5_000);
                int first;
                try {
                    third.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    first = third.getInputStream().read();
                } catch (IOException reset) {
                    first = -1;
                }
                assertThat(first).as("the third connection gets no answer").isEqualTo(-1);
            }
            assertThat(listener.refused()).isEqualTo(1);
            assertThat(listener.connections()).isEqualTo(2);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void servesHttpsWithAPemPair(@TempDir Path dir) throws Exception {
        SelfSignedPem pem = SelfSignedPem.generate(dir, "listener");
        int port = listen(Optional.of(new ListenerSettings.Tls(pem.certFile(), pem.keyFile())), Duration.ofSeconds(30),
                Duration.ofSeconds(30), 10);
        HttpClient https = HttpClient.newBuilder().sslContext(pem.trustingContext()).build();
        HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).isEqualTo("ok");
    }
}
