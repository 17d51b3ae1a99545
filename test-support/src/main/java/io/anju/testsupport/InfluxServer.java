package io.anju.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real InfluxDB 1.x ({@code influxd} of Debian's influxdb package) for integration tests, run by the platform's own
 * launcher {@code scripts/influxdb.sh} (one way to run influxd: the same configuration, authentication and admin user
 * as {@code ./anju demo}) on free loopback ports with a temporary data directory, deleted at {@link #close()}. Use it
 * as a JUnit 5 extension ({@code @RegisterExtension static final InfluxServer INFLUX = new InfluxServer();}) or
 * try-with-resources. {@link #stop()} and {@link #start()} again keep the data and the port, for outage tests.
 *
 * <p>The script creates the admin {@value #USERNAME} with a random password at the first start and writes
 * {@code username} and {@code password} to {@link #credentialsFile()} (mode 600), the file the services'
 * {@code --influx-credentials} settings name.
 *
 * <p>Without influxd the test fails (never skips): the build's contract is that the real server is there. The script
 * is found by walking up from the working directory (a module of the repository), or at the system property
 * {@code anju.root}{@code /scripts/influxdb.sh}.
 */
public final class InfluxServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    /** The script waits up to 30 s for /ping, and up to 20 s (then SIGKILL) for a stop. */
    private static final long SCRIPT_TIMEOUT_SECONDS = 60;
    /** The admin user scripts/influxdb.sh creates. */
    public static final String USERNAME = "anju";

    private String password;

    private Path dataDir;
    private int httpPort;
    private int rpcPort;
    private boolean running;

    /** Starts influxd (first call: on new ports and a new data directory) and waits until /ping answers 204. */
    public synchronized InfluxServer start() {
        if (running) {
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
            script("start", "--port", String.valueOf(httpPort), "--rpc-port", String.valueOf(rpcPort));
            running = true;
            password = readPassword();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start influxd", e);
        }
    }

    /** Stops influxd (SIGTERM, then waits), keeping its data directory and port for a later {@link #start()}. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        try {
            script("stop");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop influxd", e);
        } finally {
            running = false;
        }
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

    public synchronized boolean running() {
        return running;
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

    /** Runs {@code scripts/influxdb.sh ACTION --data-dir DIR ARGS}; fails with its output unless it exits 0. */
    private void script(String action, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", launcher().toString(), action,
                "--data-dir", dataDir.toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("anju-influxdb-sh-", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            boolean done;
            try {
                done = process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + command, e);
            }
            if (!done) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within " + SCRIPT_TIMEOUT_SECONDS + " s: "
                        + Files.readString(output));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed (exit " + process.exitValue() + "): "
                        + Files.readString(output) + influxdLogTail());
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private String influxdLogTail() throws IOException {
        Path log = dataDir.resolve("influxd.log");
        if (!Files.exists(log)) {
            return "";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return "\ninfluxd.log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private String readPassword() throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(credentialsFile(), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p.getProperty("password");
    }

    /** scripts/influxdb.sh of the repository the tests run in. */
    private static Path launcher() {
        String root = System.getProperty("anju.root");
        if (root != null) {
            return Path.of(root, "scripts", "influxdb.sh");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve("scripts").resolve("influxdb.sh");
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        throw new IllegalStateException("scripts/influxdb.sh not found above " + Path.of("").toAbsolutePath()
                + ": run the tests inside the repository, or set -Danju.root=/path/to/the/repository");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
