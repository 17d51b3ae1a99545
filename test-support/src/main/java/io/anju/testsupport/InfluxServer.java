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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
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
 * <p>Like {@code scripts/influxdb.sh} it runs with authentication: at the first start it creates the admin
 * {@value #USERNAME} with a random password and writes {@code username} and {@code password} to
 * {@link #credentialsFile()} (mode 600), the file the services' {@code --influx-credentials} settings name.
 *
 * <p>Without influxd the test fails (never skips): the build's contract is that the real server is there.
 * The binary is {@code influxd} on the PATH, {@code /usr/bin/influxd}, or the system property {@code anju.influxd}.
 */
public final class InfluxServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** The admin user, as scripts/influxdb.sh names it. */
    public static final String USERNAME = "anju";
    private static final SecureRandom RANDOM = new SecureRandom();

    private String password;

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
            if (password == null) {
                createAdmin();
            }
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

    /** {@code <data dir>/credentials.properties}: {@code username} and {@code password} of the admin, mode 600. */
    public Path credentialsFile() {
        if (dataDir == null) {
            throw new IllegalStateException("InfluxServer not started");
        }
        return dataDir.resolve("credentials.properties");
    }

    /** For a test's own reads and writes: {@code InfluxDBFactory.connect(url(), username(), password())}. */
    public String username() {
        return USERNAME;
    }

    public String password() {
        if (password == null) {
            throw new IllegalStateException("InfluxServer not started");
        }
        return password;
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
            password = null;
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

    /**
     * The same settings as scripts/influxdb.sh: authentication, loopback only, no reporting, no query or HTTP request
     * log.
     */
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
                  auth-enabled = true
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

    /**
     * Creates the admin with a random password: InfluxDB 1.x lets anyone create the first admin while no user exists,
     * which is the moment right after the first start. The credentials file is created private (never readable by
     * others, not even briefly).
     */
    private void createAdmin() throws IOException {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String pw = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String q = "CREATE USER " + USERNAME + " WITH PASSWORD '" + pw + "' WITH ALL PRIVILEGES";
        HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/query").toURL().openConnection();
        try {
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
            try (var out = c.getOutputStream()) {
                out.write(("q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            }
            if (c.getResponseCode() != 200) {
                throw new IllegalStateException("influxd refused to create its admin user: HTTP "
                        + c.getResponseCode());
            }
        } finally {
            c.disconnect();
        }
        Path file = credentialsFile();
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, "username=" + USERNAME + "\npassword=" + pw + "\n", StandardCharsets.UTF_8);
        password = pw;
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
