package io.anju.gateway.kafka;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DownstreamSettingsTest {
    private final DownstreamSettings defaults = DownstreamSettings.defaults("127.0.0.1:9092", "gw-1");

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertThat(defaults.bufferMemoryBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(defaults.highWaterBytes()).isEqualTo(48L * 1024 * 1024);
        assertThat(defaults.lowWaterBytes()).isEqualTo(32L * 1024 * 1024);
        assertThat(defaults.payloadMaxBytes()).isEqualTo(16384);
        assertThat(defaults.snapshotMaxBytes()).isEqualTo(1024 * 1024);
        assertThat(defaults.clockSkewTolerance()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.commandTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.topicPartitions()).isEqualTo(6);
    }

    @Test
    void badValuesFailNamingTheSetting() {
        assertThatThrownBy(() -> DownstreamSettings.defaults(" ", "gw")).hasMessageContaining("kafka.bootstrap");
        assertThatThrownBy(() -> DownstreamSettings.defaults("h:1", "bad id")).hasMessageContaining("node.id");
        assertThatThrownBy(() -> defaults.withBufferMemoryBytes(1000)).hasMessageContaining("kafka.bufferMemoryBytes");
        assertThatThrownBy(() -> defaults.withDeliveryTimeoutMs(10)).hasMessageContaining("kafka.deliveryTimeoutMs");
        assertThatThrownBy(() -> defaults.withCommandTtl(Duration.ZERO)).hasMessageContaining("commands.ttlDefault");
        assertThatThrownBy(() -> new DownstreamSettings("h:1", "gw", 1 << 20, 0.5, 0.6, 5, 120_000, 6, (short) 1,
                16384, 1 << 20, Duration.ofMinutes(5), defaults.snapshotDir(), Duration.ofMinutes(10), "lz4"))
                .hasMessageContaining("kafka.lowWaterFraction");
        assertThatThrownBy(() -> new DownstreamSettings("h:1", "gw", 1 << 20, 0.75, 0.5, 5, 120_000, 6, (short) 1,
                16384, 1 << 20, Duration.ofMinutes(5), defaults.snapshotDir(), Duration.ofMinutes(10), "brotli"))
                .hasMessageContaining("kafka.compression");
    }
}
