package io.anju.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real InfluxDB 1.x ({@code influxd} of Debian's influxdb package) for integration tests: a child process on free
 * loopback ports with a temporary data directory, deleted at {@link #close()}. Use it as a JUnit 5 extension
 * ({@code @RegisterExtension static final InfluxServer INFLUX = new InfluxServer();}) or try-with-resources.
 * {@link #stop()} and {@link #start()} again keep the data and the port, for outage tests.
 *
 * <p>Without influxd the test fails (never skips): the build's contract is that the real server is there.
 * The binary is {@code influxd} on the PATH, {@code /usr/bin/influxd}, or the system property {@code anju.influxd}.
 */
public final class InfluxServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private Path dataDir;
    private int httpPort;
    private int rpcPort;
    private Process process;

    /** Starts influxd (first call: on new ports and a new data directory) and waits until /ping answers 204. */
    public synchronized InfluxServer start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        try {
            if (dataDir == null) {
                dataDir = Files.createTempDirectory("anju-influx-");
                httpPort = freePort();
                do {
                    rpcPort = freePort();
                } while (rpcPort == httpPort);
            }
            Path config = writeConfig();
            Path log = dataDir.resolve("influxd.log");
            process = new ProcessBuilder(influxd().toString(), "-config", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            awaitPing(log);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start influxd", e);
        }
    }

    /** Stops influxd (SIGTERM, then waits), keeping its data directory and port for a later {@link #start()}. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** {@code http://127.0.0.1:port}, stable across stop and start. */
    public String url() {
        if (dataDir == null) {
            throw new IllegalStateException("InfluxServer not started");
        }
        return "http://127.0.0.1:" + httpPort;
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    @Override
    public synchronized void close() {
        stop();
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + dataDir, e);
            }
            dataDir = null;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private static Path influxd() {
        String configured = System.getProperty("anju.influxd");
        List<Path> candidates = configured != null ? List.of(Path.of(configured)) : Stream.concat(
                Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                        .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, "influxd")),
                Stream.of(Path.of("/usr/bin/influxd"))).toList();
        return candidates.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(
                "influxd not found (looked at " + candidates + "): the InfluxDB integration tests need "
                        + "Debian's influxdb package; run scripts/install-deps.sh as root "
                        + "(or sudo apt-get install influxdb), or set -Danju.influxd=/path/to/influxd"));
    }

    /** The same settings as scripts/influxdb.sh: loopback only, no reporting, no query or HTTP request log. */
    private Path writeConfig() throws IOException {
        String d = dataDir.toString();
        String toml = """
                reporting-disabled = true
                bind-address = "127.0.0.1:%d"
                [meta]
                  dir = "%s/meta"
                  logging-enabled = false
                [data]
                  dir = "%s/data"
                  wal-dir = "%s/wal"
                  query-log-enabled = false
                [monitor]
                  store-enabled = false
                [subscriber]
                  enabled = false
                [http]
                  enabled = true
                  bind-address = "127.0.0.1:%d"
                  log-enabled = false
                  suppress-write-log = true
                  pprof-enabled = false
                [logging]
                  level = "warn"
                  suppress-logo = true
                """.formatted(rpcPort, d, d, d, httpPort);
        Path config = dataDir.resolve("influxd.conf");
        Files.writeString(config, toml);
        return config;
    }

    private void awaitPing(Path log) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("influxd exited with " + process.exitValue() + " during start: "
                        + Files.readString(log));
            }
            if (pingStatus() == 204) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for influxd", e);
            }
        }
        stop();
        throw new IllegalStateException("influxd did not answer /ping on " + url() + " within " + START_TIMEOUT
                + ": " + Files.readString(log));
    }

    private int pingStatus() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/ping").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(1_000);
            try {
                return c.getResponseCode();
            } finally {
                c.disconnect();
            }
        } catch (IOException notYet) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
