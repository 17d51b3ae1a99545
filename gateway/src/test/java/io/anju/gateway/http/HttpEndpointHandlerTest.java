package io.anju.gateway.http;

import io.anju.common.http.MetricsAccess;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class HttpEndpointHandlerTest {
    private final AtomicBoolean up = new AtomicBoolean(true);
    private final AtomicReference<String> disk = new AtomicReference<>("ok");
    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HealthSource health = new HealthSource() {
        public boolean up() { return up.get(); }
        public boolean kafka() { return up.get(); }
        public int connections() { return 7; }
        public boolean paused() { return !up.get(); }
        public int pausedChannels() { return 0; }
        public String disk() { return disk.get(); }
    };

    private record Response(int status, String contentType, String body) {
    }

    private static final String TOKEN = "a-metrics-token-of-32-characters";

    private Response get(String uri) {
        return get(uri, null);
    }

    /** A request from a caller that is not on this host (an embedded channel has no IP address). */
    private Response get(String uri, String authorization) {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpEndpointHandler(health, prometheus, MetricsAccess.of(TOKEN)));
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        if (authorization != null) {
            request.headers().set("Authorization", authorization);
        }
        ch.writeInbound(request);
        FullHttpResponse r = ch.readOutbound();
        try {
            return new Response(r.status().code(), r.headers().get("content-type"), r.content().toString(StandardCharsets.UTF_8));
        } finally {
            r.release();
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void health_whenUp_then200WithConnections() {
        Response r = get("/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("\"status\":\"UP\"").contains("\"connections\":7").contains("\"paused\":false");
    }

    @Test
    void health_whenIngestUnavailable_then503Down() {
        up.set(false);
        Response r = get("/health");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.body()).contains("\"status\":\"DOWN\"").contains("\"kafka\":\"down\"").contains("\"paused\":true");
    }

    @Test
    void health_whenDiskLow_then503DownSayingWhy() {
        assertThat(get("/health").body()).contains("\"disk\":\"ok\"");
        up.set(false);
        disk.set("low: 812 MiB free under data.dir (needs 1024 MiB)");
        Response r = get("/health");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.body()).contains("\"status\":\"DOWN\"")
                .contains("\"disk\":\"low: 812 MiB free under data.dir (needs 1024 MiB)\"");
    }

    @Test
    void metrics_withTheToken_thenPrometheusText() {
        Counter.builder("anju.gateway.test.hits").register(prometheus).increment(3);
        Response r = get("/metrics", "Bearer " + TOKEN);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain");
        assertThat(r.body()).contains("anju_gateway_test_hits_total 3.0");
    }

    @Test
    void metrics_withoutOrWithAWrongToken_then403SayingWhy_whileHealthStaysOpen() {
        Response none = get("/metrics");
        assertThat(none.status()).isEqualTo(403);
        assertThat(none.body()).contains("metrics.token");
        assertThat(get("/metrics", "Bearer not-the-token-at-all-32-chars").status()).isEqualTo(403);
        assertThat(get("/health").status()).isEqualTo(200);
    }

    @Test
    void unknownPath_then404() {
        assertThat(get("/admin").status()).isEqualTo(404);
    }
}
