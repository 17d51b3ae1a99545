package io.anju.jobs.run;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.anju.common.http.MetricsAccess;
import io.anju.common.json.Json;
import io.anju.common.topic.KafkaProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * {@code /health} and {@code /metrics} of the jobs process. Health is UP (200) when every job runs, Kafka answers and
 * the InfluxDB the history job writes to (if any) answers its ping, otherwise DOWN (503), with each job's state and
 * {@code kafka} and {@code influx} as {@code up}, {@code down} or {@code off}: a Flink Kafka source or sink whose
 * brokers are gone retries quietly, and its job still reads RUNNING. Metrics are Flink's own (records in/out, checkpoints, lag of the Kafka source,
 * back-pressure), read from Flink's Prometheus reporter on a loopback port, plus {@code anju_jobs_running}; they are
 * served to callers on this host, or to every caller with the metrics token ({@link MetricsAccess}).
 */
public final class JobsHttp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobsHttp.class);
    /** Connections open at once: a few scrapers and probes need far fewer. */
    static final int MAX_CONNECTIONS = 64;

    static {
        // The JDK's server reads a request on its one handler thread and, by default, waits for it for ever: a caller
        // that never finishes its request (slowloris) would hold /health for everyone. Its timer closes such a
        // connection after maxReqTime, and a response the caller does not read after maxRspTime (seconds). Beyond
        // maxConnections open at once, a new connection is closed on arrival (the gateway's /health listener holds 64
        // too). An operator's -D setting wins. The JDK reads them once, when its first HttpServer starts.
        setIfAbsent("sun.net.httpserver.maxReqTime", "10");
        setIfAbsent("sun.net.httpserver.maxRspTime", "30");
        setIfAbsent("jdk.httpserver.maxConnections", String.valueOf(MAX_CONNECTIONS));
    }

    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    private final HttpServer server;
    private final JobsRunner runner;
    private final int reporterPort;
    private final MetricsAccess metricsAccess;
    private final KafkaProbe kafka;
    private final HttpClient influx = HttpClient.newBuilder().connectTimeout(PING_TIMEOUT).build();

    /** @param metricsAccess who may read {@code /metrics} (loopback callers, or the holders of the metrics token) */
    public JobsHttp(JobsRunner runner, String host, int port, int reporterPort, MetricsAccess metricsAccess)
            throws IOException {
        this.runner = runner;
        this.reporterPort = reporterPort;
        this.metricsAccess = metricsAccess;
        this.kafka = KafkaProbe.start(runner.kafka());
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

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void health(HttpExchange ex) throws IOException {
        Map<String, String> jobs = runner.status();
        String kafkaState = kafka.up() ? "up" : "down";
        String influxState = influxState();
        boolean up = !jobs.isEmpty() && jobs.values().stream().allMatch("RUNNING"::equals)
                && kafkaState.equals("up") && !influxState.equals("down");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("jobs", jobs);
        body.put("kafka", kafkaState);
        body.put("influx", influxState);
        respond(ex, up ? 200 : 503, "application/json", Json.toBytes(body));
    }

    /** {@code off} without a history job; else whether InfluxDB answers its ping within two seconds. */
    private String influxState() {
        String url = runner.influxUrl();
        if (url == null) {
            return "off";
        }
        try {
            HttpResponse<Void> r = influx.send(HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/ping"))
                    .timeout(PING_TIMEOUT).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() / 100 == 2 ? "up" : "down";
        } catch (IOException | IllegalArgumentException e) {
            return "down";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "down";
        }
    }

    private void metrics(HttpExchange ex) throws IOException {
        InetSocketAddress caller = ex.getRemoteAddress();
        Optional<String> refusal = metricsAccess.refusal(caller == null || caller.getAddress() == null ? null
                : caller.getAddress().getHostAddress(), ex.getRequestHeaders().getFirst("Authorization"));
        if (refusal.isPresent()) {
            respond(ex, 403, "text/plain; charset=utf-8", (refusal.get() + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
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
        kafka.close();
    }
}
