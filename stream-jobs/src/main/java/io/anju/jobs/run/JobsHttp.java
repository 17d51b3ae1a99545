package io.anju.jobs.run;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.anju.common.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * {@code /health} and {@code /metrics} of the jobs process. Health is UP (200) when every job runs, otherwise DOWN
 * (503) with each job's state. Metrics are Flink's own (records in/out, checkpoints, lag of the Kafka source,
 * back-pressure), read from Flink's Prometheus reporter on a loopback port, plus {@code anju_jobs_running}.
 */
public final class JobsHttp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobsHttp.class);

    private final HttpServer server;
    private final JobsRunner runner;
    private final int reporterPort;

    public JobsHttp(JobsRunner runner, String host, int port, int reporterPort) throws IOException {
        this.runner = runner;
        this.reporterPort = reporterPort;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.createContext("/health", this::health);
        server.createContext("/metrics", this::metrics);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "jobs-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void health(HttpExchange ex) throws IOException {
        Map<String, String> jobs = runner.status();
        boolean up = !jobs.isEmpty() && jobs.values().stream().allMatch("RUNNING"::equals);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("jobs", jobs);
        respond(ex, up ? 200 : 503, "application/json", Json.toBytes(body));
    }

    private void metrics(HttpExchange ex) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("# HELP anju_jobs_running 1 when the job is RUNNING\n# TYPE anju_jobs_running gauge\n");
        runner.status().forEach((job, state) -> text.append("anju_jobs_running{job=\"").append(job).append("\"} ")
                .append("RUNNING".equals(state) ? 1 : 0).append('\n'));
        try (InputStream in = URI.create("http://127.0.0.1:" + reporterPort + "/metrics").toURL().openStream()) {
            text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.debug("Flink's Prometheus reporter on port {} did not answer: {}", reporterPort, e.getMessage());
        }
        respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8", text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange ex, int code, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(code, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
