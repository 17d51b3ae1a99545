package io.anju.jobs.run;

import io.anju.common.http.MetricsAccess;
import io.anju.jobs.config.JobsSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The jobs' /health listener cannot be held by callers: beyond {@link JobsHttp#MAX_CONNECTIONS} open connections a new
 * one is closed on arrival, /health answers again once they are gone, and a request that never ends is cut off after
 * 10 s. No Flink job runs: the listener
 * answers 503 DOWN, which is all these checks need.
 */
class JobsHttpIT {
    @TempDir
    Path dir;

    @Test
    void connectionsBeyondTheCapAreClosedOnArrival_healthAnswersOnceTheyAreGone_andARequestThatNeverEndsIsCutOff()
            throws Exception {
        JobsSettings settings = JobsSettings.defaults(dir.resolve("registry.json"), dir)
                .withBootstrap("127.0.0.1:" + closedPort());
        try (JobsRunner runner = new JobsRunner(settings, 0);
             JobsHttp http = new JobsHttp(runner, "127.0.0.1", 0, 0, MetricsAccess.of(""))) {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < JobsHttp.MAX_CONNECTIONS; i++) {
                    held.add(new Socket("127.0.0.1", http.port()));
                }
                try (Socket oneMore = new Socket("127.0.0.1", http.port())) {
                    oneMore.setSoTimeout(5_000);
                    assertThat(readUntilClosed(oneMore.getInputStream())).as("closed without an answer").isEmpty();
                }
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }

            HttpClient client = HttpClient.newHttpClient();
            await("/health answers once the held connections are gone").atMost(Duration.ofSeconds(15))
                    .ignoreExceptions().until(() -> client.send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + http.port() + "/health"))
                            .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString()).body(),
                            body -> body.contains("\"status\":\"DOWN\""));
            // Now below the cap again: this one is admitted, and cut off for never finishing its request.
            try (Socket slow = new Socket()) {
                slow.connect(new InetSocketAddress("127.0.0.1", http.port()));
                slow.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                slow.setSoTimeout(20_000);
                long start = System.nanoTime();
                assertThat(readUntilClosed(slow.getInputStream())).as("no answer to half a request").isEmpty();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("cut off by the request timer (10 s)")
                        .isBetween(Duration.ofSeconds(5), Duration.ofSeconds(19));
            }
        }
    }

    /** What arrived before the server closed the connection; a reset counts as closed too. */
    private static String readUntilClosed(InputStream in) throws IOException {
        try {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (SocketTimeoutException e) {
            return "still open";
        } catch (SocketException e) {
            return "";
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
