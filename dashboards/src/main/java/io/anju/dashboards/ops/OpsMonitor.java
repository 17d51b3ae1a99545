package io.anju.dashboards.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Scrapes the gateway's, the stream jobs' and the case service's /metrics every interval and keeps the latest
 * {@code /api/ops} report (see {@link OpsReport} for the metrics read). A service that does not answer is reported
 * {@code up: false}; it is tried again at the next interval.
 */
public final class OpsMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpsMonitor.class);

    /**
     * The /metrics URLs; an empty one is not scraped and shows as down. {@code bearer}: the token sent to each
     * (a service's {@code metrics.token}), if any.
     */
    public record Targets(Optional<String> gateway, Optional<String> jobs, Optional<String> cases,
                          Optional<String> bearer) {

        public Targets(Optional<String> gateway, Optional<String> jobs, Optional<String> cases) {
            this(gateway, jobs, cases, Optional.empty());
        }
    }

    private final Vertx vertx;
    private final WebClient client;
    private final Targets targets;
    private final Duration interval;
    private final long gatewayBufferBytes;
    private final long timeoutMs;
    private final Clock clock;
    private final List<Consumer<Map<String, Object>>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean scraping = new AtomicBoolean();
    private volatile Scrape gateway;
    private volatile Scrape cases;
    private volatile Map<String, Object> latest;
    private long timer = -1;

    public OpsMonitor(Vertx vertx, WebClient client, Targets targets, Duration interval, long gatewayBufferBytes,
                      Duration timeout, Clock clock) {
        this.vertx = vertx;
        this.client = client;
        this.targets = targets;
        this.interval = interval;
        this.gatewayBufferBytes = gatewayBufferBytes;
        this.timeoutMs = timeout.toMillis();
        this.clock = clock;
    }

    /** Scrapes now and then every interval. */
    public void start() {
        scrape();
        timer = vertx.setPeriodic(interval.toMillis(), id -> {
            if (scraping.compareAndSet(false, true)) {
                scrape().onComplete(r -> scraping.set(false));
            }
        });
    }

    /** Called with every new report (the live part sends them to operators as {@code ops} events). */
    public void onReport(Consumer<Map<String, Object>> listener) {
        listeners.add(listener);
    }

    /** The latest report, scraping first when there is none yet. */
    public Future<Map<String, Object>> current() {
        Map<String, Object> report = latest;
        return report != null ? Future.succeededFuture(report) : scrape();
    }

    /** Scrapes the three services now and makes a report; rates are against the previous scrape. */
    public Future<Map<String, Object>> scrape() {
        Future<Scrape> g = fetch(targets.gateway());
        Future<Scrape> j = fetch(targets.jobs());
        Future<Scrape> c = fetch(targets.cases());
        return Future.all(g, j, c).map(all -> {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("gateway", OpsReport.gateway(g.result(), gateway, gatewayBufferBytes));
            report.put("jobs", OpsReport.jobs(j.result()));
            report.put("cases", OpsReport.cases(c.result(), cases));
            report.put("at", clock.instant().toString());
            gateway = g.result();
            cases = c.result();
            latest = report;
            listeners.forEach(l -> l.accept(report));
            return report;
        });
    }

    private Future<Scrape> fetch(Optional<String> url) {
        if (url.isEmpty()) {
            return Future.succeededFuture(new Scrape(null, System.nanoTime()));
        }
        HttpRequest<Buffer> request = client.getAbs(url.get()).timeout(timeoutMs);
        targets.bearer().ifPresent(token -> request.putHeader("Authorization", "Bearer " + token));
        return request.send()
                .map(this::parse)
                .otherwise(e -> {
                    LOG.debug("scraping {} failed: {}", url.get(), e.toString());
                    return new Scrape(null, System.nanoTime());
                });
    }

    private Scrape parse(HttpResponse<Buffer> response) {
        long at = System.nanoTime();
        if (response.statusCode() != 200 || response.body() == null) {
            return new Scrape(null, at);
        }
        return new Scrape(PrometheusText.parse(response.bodyAsString()), at);
    }

    @Override
    public void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
