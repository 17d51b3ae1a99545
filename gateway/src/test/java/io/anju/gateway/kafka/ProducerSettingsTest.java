package io.anju.gateway.kafka;

import io.anju.gateway.config.GatewayConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
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
    void producer_carriesTheClientConfigsSecuritySettings(@TempDir Path dir) throws Exception {
        Path clientConfig = dir.resolve("kafka-client.properties");
        Files.writeString(clientConfig, """
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-256
                """);
        DownstreamSettings settings = GatewayConfig.of(Map.of("kafka.bootstrap", "k:9093",
                "kafka.clientConfig", clientConfig.toString())).downstream("k:9093");
        assertThat(ProducerSettings.of(settings)).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-256")
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "k:9093")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all");
    }

    @Test
    void producer_byDefault_compressesWithLz4() {
        DownstreamSettings settings = GatewayConfig.of(Map.of("node.id", "gw-1")).downstream("127.0.0.1:9092");
        assertThat(ProducerSettings.of(settings)).containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    }
}
