package io.anju.platform.bench;

import io.anju.common.json.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    private static com.fasterxml.jackson.databind.JsonNode json(String s) throws IOException {
        return Json.tree(s.getBytes(StandardCharsets.UTF_8));
    }
}
