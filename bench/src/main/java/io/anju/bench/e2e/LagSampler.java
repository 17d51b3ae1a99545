package io.anju.bench.e2e;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Scrapes the jobs' lag gauges ({@link JobLags}) once a second on a thread of its own. It asks for the two metric
 * families only ({@code ?name[]=…}: Flink's Prometheus reporter then collects just those, ~5 KB, instead of the
 * 2.4 MB of every metric of both jobs, which would cost the CPU-starved platform JVM noticeably every second); an
 * endpoint that ignores the parameter (the jobs' own {@code /metrics}) still works, at that cost.
 */
final class LagSampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LagSampler.class);

    /** One scrape: when, and both figures ({@link JobLags#ABSENT} when missing or the scrape failed). */
    record Scrape(long atMs, JobLags lags) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI uri;
    private final List<Scrape> scrapes = new ArrayList<>();
    private final AtomicLong failures = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-lag-sampler");
        t.setDaemon(true);
        return t;
    });

    LagSampler(String metricsUrl) {
        String query = Stream.of(JobLags.FAMILIES)
                .map(f -> URLEncoder.encode("name[]", StandardCharsets.UTF_8) + "=" + f)
                .collect(Collectors.joining("&"));
        this.uri = URI.create(metricsUrl + (metricsUrl.contains("?") ? "&" : "?") + query);
    }

    void start() {
        timer.scheduleAtFixedRate(this::scrape, 0, 1, TimeUnit.SECONDS);
    }

    private void scrape() {
        long at = System.currentTimeMillis();
        JobLags lags;
        try {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            lags = res.statusCode() == 200 ? JobLags.read(res.body()) : null;
        } catch (Exception e) {
            LOG.debug("lag scrape failed: {}", e.toString());
            lags = null;
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        if (lags == null) {
            failures.incrementAndGet();
            lags = JobLags.NONE;
        }
        synchronized (scrapes) {
            scrapes.add(new Scrape(at, lags));
        }
    }

    /** Every scrape so far, in order. */
    List<Scrape> scrapes() {
        synchronized (scrapes) {
            return List.copyOf(scrapes);
        }
    }

    /** The lags of the newest scrape, {@link JobLags#NONE} before the first. */
    JobLags latestLags() {
        synchronized (scrapes) {
            return scrapes.isEmpty() ? JobLags.NONE : scrapes.get(scrapes.size() - 1).lags();
        }
    }

    /** The largest figure of the scrapes taken since {@code sinceMs}; {@link JobLags#ABSENT} without one. */
    JobLags maxSince(long sinceMs) {
        long alerting = JobLags.ABSENT;
        long history = JobLags.ABSENT;
        for (Scrape s : scrapes()) {
            if (s.atMs() >= sinceMs) {
                alerting = Math.max(alerting, s.lags().alertingMs());
                history = Math.max(history, s.lags().historyMs());
            }
        }
        return new JobLags(alerting, history);
    }

    /** The series of one figure, absent ones left out. */
    static List<LagSummary.Sample> series(List<Scrape> scrapes, boolean alerting) {
        List<LagSummary.Sample> out = new ArrayList<>();
        for (Scrape s : scrapes) {
            long v = alerting ? s.lags().alertingMs() : s.lags().historyMs();
            if (v != JobLags.ABSENT) {
                out.add(new LagSummary.Sample(s.atMs(), v));
            }
        }
        return out;
    }

    long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
