package io.anju.gateway.kafka;

import io.anju.gateway.config.GatewayConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProducerSettingsTest {

    @Test
    void producer_takesLingerAndCompressionFromTheSettings() {
        DownstreamSettings settings = GatewayConfig.of(Map.of("node.id", "gw-1", "kafka.compression", "zstd",
                "kafka.lingerMs", "20")).downstream("127.0.0.1:9092");
        Map<String, Object> producer = ProducerSettings.of(settings);
        assertThat(producer).containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 20)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    }

    @Test
    void producer_byDefault_compressesWithLz4() {
        DownstreamSettings settings = GatewayConfig.of(Map.of("node.id", "gw-1")).downstream("127.0.0.1:9092");
        assertThat(ProducerSettings.of(settings)).containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    }
}
