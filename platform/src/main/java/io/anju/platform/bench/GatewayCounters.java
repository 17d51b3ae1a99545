package io.anju.platform.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The gateway's own count of messages written to Kafka, from its Prometheus {@code /metrics}. */
final class GatewayCounters {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String metricsUrl;

    GatewayCounters(String gatewayUrl) {
        this.metricsUrl = gatewayUrl.replaceAll("/+$", "") + "/metrics";
    }

    long forwarded() throws IOException, InterruptedException {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(metricsUrl))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new IOException(metricsUrl + " answered " + res.statusCode());
        }
        return forwarded(res.body());
    }

    /** Sum of {@code anju_gateway_messages_total{status="forwarded"}} over every other label. */
    static long forwarded(String prometheusText) {
        double sum = 0;
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith("anju_gateway_messages_total{") && line.contains("status=\"forwarded\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Math.round(sum);
    }
}
