package io.anju.bench.jobs.measure;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * Scrapes the job's figures ({@link JobSnapshot}) from Flink's Prometheus reporter on this machine, asking only for
 * the metrics it reads (the reporter's {@code name[]} filter): the whole page is about 1.4 MB with 36 partitions, and
 * rendering it every second would take CPU from the job being measured.
 */
public final class FlinkMetrics {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI uri;

    public FlinkMetrics(int port) {
        String names = JobSnapshot.NAMES.stream()
                .map(n -> "name%5B%5D=" + URLEncoder.encode(n, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        this.uri = URI.create("http://127.0.0.1:" + port + "/?" + names);
    }

    public JobSnapshot scrape() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("Flink's Prometheus reporter answered " + r.statusCode() + " at " + uri);
        }
        return JobSnapshot.of(PrometheusText.parse(r.body()));
    }
}
