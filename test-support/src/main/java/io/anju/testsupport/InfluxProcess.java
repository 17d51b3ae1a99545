package io.anju.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real InfluxDB 1.x ({@code influxd} of Debian's influxdb package) on free loopback ports with its data under a
 * given directory, configured as scripts/influxdb.sh configures it. Fails (never skips) without influxd.
 */
public final class InfluxProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private InfluxProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static InfluxProcess start(Path dir) throws IOException, InterruptedException {
        Path influxd = Path.of(System.getProperty("anju.influxd", "/usr/bin/influxd"));
        if (!Files.isExecutable(influxd)) {
            throw new IllegalStateException("influxd not found at " + influxd + ": install Debian's influxdb package"
                    + " (scripts/install-deps.sh) or set -Danju.influxd");
        }
        int port = freePort();
        int rpc = freePort();
        Files.createDirectories(dir);
        Path config = dir.resolve("influxd.conf");
        Files.writeString(config, """
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
                [logging]
                  level = "warn"
                  suppress-logo = true
                """.formatted(rpc, dir, dir, dir, port));
        Path log = dir.resolve("influxd.log");
        Process p = new ProcessBuilder(influxd.toString(), "-config", config.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        InfluxProcess influx = new InfluxProcess(p, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (influx.ping() != 204) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                influx.close();
                throw new IllegalStateException("influxd did not come up: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        return influx;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    private int ping() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/ping").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(1000);
            try {
                return c.getResponseCode();
            } finally {
                c.disconnect();
            }
        } catch (IOException notYet) {
            return -1;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
