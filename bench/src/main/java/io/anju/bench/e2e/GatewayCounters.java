package io.anju.bench.e2e;

import io.anju.dashboards.ops.PrometheusText;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The gateway's own figures from its Prometheus {@code /metrics}: messages written to Kafka, PUBACK latency. */
final class GatewayCounters {
    static final String PUBACK_LATENCY = "anju_gateway_puback_latency_seconds";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String metricsUrl;

    GatewayCounters(String gatewayUrl) {
        this.metricsUrl = gatewayUrl.replaceAll("/+$", "") + "/metrics";
    }

    String scrape() throws IOException, InterruptedException {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(metricsUrl))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new IOException(metricsUrl + " answered " + res.statusCode());
        }
        return res.body();
    }

    long forwarded() throws IOException, InterruptedException {
        return forwarded(scrape());
    }

    /** Sum of {@code anju_gateway_messages_total{status="forwarded"}} over every other label. */
    static long forwarded(String prometheusText) {
        return Math.round(PrometheusText.parse(prometheusText).sum("anju_gateway_messages_total",
                labels -> "forwarded".equals(labels.get("status"))));
    }

    /**
     * A quantile of the gateway's PUBLISH received → PUBACK written, ms, as its summary publishes it (Micrometer's
     * decaying window of the last couple of minutes, not the whole run); -1 when absent.
     */
    static double pubAckMs(PrometheusText metrics, String quantile) {
        return metrics.named(PUBACK_LATENCY).stream()
                .filter(s -> quantile.equals(s.labels().get("quantile")) && !Double.isNaN(s.value()))
                .mapToDouble(s -> s.value() * 1000).max().orElse(-1);
    }
}
