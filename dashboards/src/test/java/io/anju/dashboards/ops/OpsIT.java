package io.anju.dashboards.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * /api/ops from real HTTP /metrics endpoints: the gateway's and the case service's text is rendered by Micrometer's
 * Prometheus registry from meters named as those services name them, the jobs' text as JobsHttp writes it.
 */
class OpsIT {
    static Vertx vertx;
    static HttpServer server;
    static WebClient client;
    static final PrometheusMeterRegistry gateway = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    static final PrometheusMeterRegistry cases = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    static final AtomicReference<String> jobsText = new AtomicReference<>("");
    static final AtomicLong connections = new AtomicLong(42);
    static final AtomicLong inflightBytes = new AtomicLong(16L << 20);
    static final AtomicLong intakeLag = new AtomicLong(7);

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        client = WebClient.create(vertx);
        Gauge.builder("anju.gateway.connections", connections, AtomicLong::get).register(gateway);
        Gauge.builder("anju.gateway.kafka.inflight.bytes", inflightBytes, AtomicLong::get).baseUnit("bytes").register(gateway);
        Gauge.builder("anju.cases.intake.lag", intakeLag, AtomicLong::get).register(cases);
        jobsText.set("""
                # HELP anju_jobs_running 1 when the job is RUNNING
                # TYPE anju_jobs_running gauge
                anju_jobs_running{job="charger-alerts"} 1
                anju_jobs_running{job="crowd-alerts"} 0
                flink_taskmanager_job_task_operator_pendingRecords{job_name="charger-alerts",subtask_index="0"} 120.0
                flink_taskmanager_job_task_operator_pendingRecords{job_name="crowd-alerts",subtask_index="0"} 30.0
                """);
        server = vertx.createHttpServer().requestHandler(req -> {
            String body = switch (req.path()) {
                case "/gateway/metrics" -> gateway.scrape();
                case "/jobs/metrics" -> jobsText.get();
                case "/cases/metrics" -> cases.scrape();
                default -> null;
            };
            if (body == null) {
                req.response().setStatusCode(404).end();
            } else {
                req.response().putHeader("Content-Type", "text/plain; version=0.0.4").end(body);
            }
        }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void reportsLevelsAtOnceAndRatesFromTheSecondScrape() throws Exception {
        Counter forwarded = message("forwarded");
        Counter quarantined = message("quarantined");
        Counter unauthorized = message("unauthorized");
        Counter applied = Counter.builder("anju.cases.alerts.applied").register(cases);
        Counter failed = Counter.builder("anju.cases.outbox.deliveries").tag("channel", "webhook").tag("outcome", "failed")
                .register(cases);
        Counter.builder("anju.cases.outbox.deliveries").tag("channel", "webhook").tag("outcome", "delivered")
                .register(cases).increment(9);
        forwarded.increment(1000);
        quarantined.increment(10);
        applied.increment(100);
        failed.increment(3);
        OpsMonitor monitor = monitor(url("/gateway/metrics"), url("/jobs/metrics"), url("/cases/metrics"),
                Duration.ofMinutes(5));

        long firstStart = System.nanoTime();
        Map<String, Object> first = monitor.scrape().await(10, TimeUnit.SECONDS);
        long firstEnd = System.nanoTime();
        assertThat(part(first, "gateway")).containsEntry("up", true).containsEntry("connections", 42L)
                .containsEntry("messagesPerSec", null).containsEntry("kafkaBufferFill", 0.25);
        assertThat(part(first, "jobs")).containsEntry("up", true).containsEntry("lagRecords", 150L)
                .containsEntry("running", Map.of("charger-alerts", true, "crowd-alerts", false));
        assertThat(part(first, "cases")).containsEntry("up", true).containsEntry("intakeLag", 7L)
                .containsEntry("alertsAppliedPerSec", null).containsEntry("notifyFailed", 3L);
        assertThat(first).containsKey("at");

        Thread.sleep(500);
        forwarded.increment(500);
        quarantined.increment(5);
        unauthorized.increment(3);
        applied.increment(50);
        connections.set(40);
        long secondStart = System.nanoTime();
        Map<String, Object> second = monitor.scrape().await(10, TimeUnit.SECONDS);
        long secondEnd = System.nanoTime();
        double shortest = (secondStart - firstEnd) / 1e9;
        double longest = (secondEnd - firstStart) / 1e9;

        Map<String, Object> g = part(second, "gateway");
        assertThat(g).containsEntry("connections", 40L);
        assertThat((Double) g.get("messagesPerSec")).isBetween(500 / longest, 500 / shortest);
        assertThat((Double) g.get("quarantinedPerSec")).isBetween(5 / longest, 5 / shortest);
        assertThat((Double) g.get("errorsPerSec")).isBetween(3 / longest, 3 / shortest);
        assertThat((Double) part(second, "cases").get("alertsAppliedPerSec")).isBetween(50 / longest, 50 / shortest);
        assertThat(monitor.current().await(1, TimeUnit.SECONDS)).isSameAs(second);
    }

    @Test
    void aServiceThatDoesNotAnswerOrIsNotConfiguredIsDown() throws Exception {
        OpsMonitor monitor = monitor("http://127.0.0.1:" + closedPort() + "/metrics", null, url("/nothing"),
                Duration.ofMinutes(5));
        Map<String, Object> report = monitor.scrape().await(10, TimeUnit.SECONDS);
        assertThat(part(report, "gateway")).containsEntry("up", false).containsEntry("connections", null);
        assertThat(part(report, "jobs")).containsEntry("up", false);
        assertThat(part(report, "cases")).containsEntry("up", false).containsEntry("intakeLag", null);
    }

    @Test
    void scrapesEveryIntervalAndTellsListeners() {
        OpsMonitor monitor = monitor(url("/gateway/metrics"), url("/jobs/metrics"), url("/cases/metrics"),
                Duration.ofMillis(100));
        List<Map<String, Object>> reports = new CopyOnWriteArrayList<>();
        monitor.onReport(reports::add);
        monitor.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> reports.size() >= 3);
            assertThat((Double) part(reports.get(2), "gateway").get("messagesPerSec")).isNotNull()
                    .isCloseTo(0.0, within(1e-9));
        } finally {
            monitor.close();
        }
    }

    private static OpsMonitor monitor(String gatewayUrl, String jobsUrl, String casesUrl, Duration interval) {
        return new OpsMonitor(vertx, client, new OpsMonitor.Targets(Optional.ofNullable(gatewayUrl),
                Optional.ofNullable(jobsUrl), Optional.ofNullable(casesUrl)), interval, 64L << 20,
                Duration.ofSeconds(2), Clock.systemUTC());
    }

    private static Counter message(String status) {
        return Counter.builder("anju.gateway.messages").tag("type", "charger").tag("status", status).register(gateway);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> part(Map<String, Object> report, String key) {
        return (Map<String, Object>) report.get(key);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
