package io.anju.bench.e2e;

import io.anju.dashboards.ops.PrometheusText;
import io.anju.common.json.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CountersParsingTest {

    @Test
    void influxCountIsTheSingleValueOrZeroWithoutASeries() throws IOException {
        assertThat(InfluxCounts.parseCount(json("{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":"
                + "\"charger_port\",\"columns\":[\"time\",\"count\"],\"values\":[[\"1970-01-01T00:00:00Z\",1499000]]}]}]}")))
                .isEqualTo(1_499_000);
        assertThat(InfluxCounts.parseCount(json("{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":"
                + "\"charger_port_minute\",\"columns\":[\"time\",\"sum\"],\"values\":[[\"1970-01-01T00:00:00Z\",299880]]}]}]}")))
                .as("a sum answer reads the same").isEqualTo(299_880);
        assertThat(InfluxCounts.parseCount(json("{\"results\":[{\"statement_id\":0}]}"))).isZero();
        assertThatThrownBy(() -> InfluxCounts.parseCount(json("{\"results\":[{\"error\":\"database not found\"}]}")))
                .hasMessageContaining("database not found");
    }

    @Test
    void gatewayForwardedSumsEveryForwardedSeriesOnly() {
        String metrics = """
                # TYPE anju_gateway_messages_total counter
                anju_gateway_messages_total{status="forwarded",type="charger"} 1500000.0
                anju_gateway_messages_total{status="forwarded",type="crowd"} 61.0
                anju_gateway_messages_total{status="rejected",type="charger"} 7.0
                """;
        assertThat(GatewayCounters.forwarded(metrics)).isEqualTo(1_500_061);
    }

    @Test
    void gatewayPubAckQuantilesAreReadInMilliseconds() {
        // As the gateway's Micrometer summary prints them.
        String metrics = """
                # TYPE anju_gateway_puback_latency_seconds summary
                anju_gateway_puback_latency_seconds{quantile="0.5"} 0.013631488
                anju_gateway_puback_latency_seconds{quantile="0.99"} 0.184025088
                anju_gateway_puback_latency_seconds_count 2
                anju_gateway_puback_latency_seconds_max 0.180382232
                """;
        assertThat(GatewayCounters.pubAckMs(PrometheusText.parse(metrics), "0.99")).isCloseTo(184.0, within(0.1));
        assertThat(GatewayCounters.pubAckMs(PrometheusText.parse(metrics), "0.5")).isCloseTo(13.6, within(0.1));
        assertThat(GatewayCounters.pubAckMs(PrometheusText.parse(""), "0.99")).isEqualTo(-1);
    }

    @Test
    void influxCountsOfTheLoadsDevicesFilterOnTheDeviceTag() {
        Instant from = Instant.ofEpochSecond(1_796_562_960);
        assertThat(InfluxCounts.query("count", "charger_station", "total_power_w", from, from.plusSeconds(60), "load-"))
                .isEqualTo("SELECT count(\"total_power_w\") FROM \"charger_station\" WHERE time >= 1796562960000000000 "
                        + "AND time < 1796563020000000000 AND \"device\" =~ /^load-/");
        assertThat(InfluxCounts.query("count", "crowd_zone", "occupancy", from, from, null)).doesNotContain("device");
        assertThatThrownBy(() -> InfluxCounts.query("sum", "x", "y", from, from, "a/ OR 1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String s) throws IOException {
        return Json.tree(s.getBytes(StandardCharsets.UTF_8));
    }
}
