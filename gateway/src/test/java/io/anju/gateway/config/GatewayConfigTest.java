package io.anju.gateway.config;

import io.anju.common.auth.DeviceToken;
import io.anju.common.config.Setting;
import io.anju.common.topic.TopicRetention;
import io.anju.gateway.auth.TokenLimits;
import io.anju.gateway.disk.DiskWatermark;
import io.anju.gateway.kafka.DownstreamSettings;
import io.anju.gateway.snapshot.RetentionLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewayConfigTest {

    @Test
    void defaults_areTheDocumentedOperatorDefaults() {
        GatewayConfig c = GatewayConfig.defaults();
        assertThat(c.mqttPort()).isEqualTo(1883);
        assertThat(c.mqttTlsPort()).isEqualTo(8883);
        assertThat(c.mqttTlsEnabled()).isFalse();
        assertThat(c.httpPort()).isEqualTo(9080);
        assertThat(c.kafkaPort()).isEqualTo(9092);
        assertThat(c.kafkaBootstrap()).isEmpty();
        assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.snapshotDir()).isEqualTo(Path.of("./data").resolve("snapshots"));
        assertThat(c.limitsConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.limitsMaxPacketBytes()).isGreaterThan(1 << 20);
        assertThat(c.authTokenWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.authTokenSecretsFile()).isEmpty();
        assertThat(c.nodeId()).isNotEmpty();
    }

    @Test
    void metricsToken_tooShortToBeSafe_isRefusedAtStartNamingIt() {
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("metrics.token", "short")))
                .hasMessageContaining("metrics.token");
        assertThat(GatewayConfig.of(Map.of("metrics.token", "a-token-of-at-least-16")).metricsAccess()
                .refusal("203.0.113.9", "Bearer a-token-of-at-least-16")).isEmpty();
        assertThat(GatewayConfig.defaults().metricsAccess().refusal("203.0.113.9", null)).as("loopback only").isPresent();
    }

    @Test
    void disk_defaultsBoundSnapshotsKafkaAndFreeSpace_andContradictionsAreRefusedNamingTheSetting() {
        GatewayConfig c = GatewayConfig.defaults();
        assertThat(c.snapshotRetention()).isEqualTo(new RetentionLimits(Duration.ofDays(30), Duration.ofDays(7),
                512L << 20, 20L << 30, Duration.ofMinutes(10)));
        assertThat(c.diskWatermark()).isEqualTo(new DiskWatermark(1L << 30, 0.02));
        assertThat(c.kafkaTopicRetention()).isEqualTo(TopicRetention.DEFAULT);
        assertThat(c.downstream("127.0.0.1:9092").topicRetention()).isEqualTo(TopicRetention.DEFAULT);
        assertThat(GatewayConfig.of(Map.of("kafka.retention", "72h", "kafka.retentionBytes", "268435456"))
                .kafkaTopicRetention()).isEqualTo(new TopicRetention(Duration.ofHours(72), 256L << 20));

        assertThatThrownBy(() -> GatewayConfig.of(Map.of("snapshot.faceRetention", "800h")))
                .hasMessageContaining("snapshot.faceRetention").hasMessageContaining("snapshot.retention");
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("snapshot.maxBytesPerDevice", String.valueOf(30L << 30))))
                .hasMessageContaining("snapshot.maxBytesPerDevice").hasMessageContaining("snapshot.maxTotalBytes");
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("disk.minFreeFraction", "0.9")))
                .hasMessageContaining("disk.minFreeFraction");
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("kafka.retentionBytes", "-1")))
                .hasMessageContaining("kafka.retentionBytes");
    }

    @Test
    void load_appliesFileThenEnvironmentThenCommandLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gateway.properties");
        Files.writeString(file, "mqtt.port=1000\nhttp.port=1001\nlimits.connectTimeout=20s\n");
        GatewayConfig c = GatewayConfig.load(Optional.of(file),
                Map.of("ANJU_HTTP_PORT", "2001", "ANJU_KAFKA_BUFFER_MEMORY_BYTES", "2097152", "UNRELATED", "x"),
                Map.of("limits.connectTimeout", "3s"));
        assertThat(c.mqttPort()).isEqualTo(1000);
        assertThat(c.httpPort()).isEqualTo(2001);
        assertThat(c.kafkaBufferMemoryBytes()).isEqualTo(2_097_152L);
        assertThat(c.limitsConnectTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void load_whenValueOutOfBounds_thenErrorNamesSettingAndBounds() {
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("mqtt.port", "70000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mqtt.port").hasMessageContaining("ANJU_MQTT_PORT").hasMessageContaining("0 and 65535");
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("limits.connectTimeout", "10 parsecs")))
                .hasMessageContaining("limits.connectTimeout");
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("mqtt.tls.enabled", "yes")))
                .hasMessageContaining("mqtt.tls.enabled");
    }

    @Test
    void load_whenValueOutsideTheOneSetOfBounds_thenRefusedNamingTheSetting() {
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("kafka.lingerMs", "1001")))
                .hasMessageContaining("kafka.lingerMs").hasMessageContaining("0 and 1000");
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("payload.maxBytes", "255")))
                .hasMessageContaining("payload.maxBytes").hasMessageContaining("256 and 262144");
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("snapshot.maxBytes", "16777217")))
                .hasMessageContaining("snapshot.maxBytes").hasMessageContaining("1024 and 16777216");
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("kafka.compression", "brotli")))
                .hasMessageContaining("kafka.compression").hasMessageContaining("none, lz4, zstd, snappy, gzip");
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("node.id", "bad id")))
                .hasMessageContaining("node.id");
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("kafka.lingerMs", "500", "kafka.deliveryTimeoutMs", "1200")))
                .hasMessageContaining("kafka.deliveryTimeoutMs");
        assertThatThrownBy(() -> GatewayConfig.defaults().downstream(" ")).hasMessageContaining("kafka.bootstrap");
    }

    @Test
    void tokenLimits_areBuiltFromTheTable_andTheSkewMayNotExceedTheWindow() {
        TokenLimits defaults = GatewayConfig.defaults().tokenLimits();
        assertThat(defaults.window()).isEqualTo(new DeviceToken.Window(300_000, 30_000));
        assertThat(defaults.replayCapacity()).isEqualTo(200_000);
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("auth.tokenWindow", "20s", "auth.tokenClockSkew", "30s")))
                .hasMessageContaining("auth.tokenClockSkew").hasMessageContaining("auth.tokenWindow");
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("auth.tokenReplayCapacity", "999")))
                .hasMessageContaining("auth.tokenReplayCapacity");
    }

    @Test
    void replyMatching_isBuiltFromTheTable() {
        GatewayConfig defaults = GatewayConfig.defaults();
        assertThat(defaults.commandsReplyWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.commandsMaxAwaitingReply()).isEqualTo(100_000);
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("commands.replyWindow", "0s")))
                .hasMessageContaining("commands.replyWindow");
    }

    @Test
    void downstream_isBuiltFromTheTable() {
        DownstreamSettings d = GatewayConfig.of(Map.of("node.id", "gw-1", "kafka.compression", "zstd"))
                .downstream("127.0.0.1:9092");
        assertThat(d.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(d.nodeId()).isEqualTo("gw-1");
        assertThat(d.bufferMemoryBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(d.highWaterBytes()).isEqualTo(48L * 1024 * 1024);
        assertThat(d.lowWaterBytes()).isEqualTo(32L * 1024 * 1024);
        assertThat(d.lingerMs()).isEqualTo(5);
        assertThat(d.payloadMaxBytes()).isEqualTo(16384);
        assertThat(d.snapshotMaxBytes()).isEqualTo(1024 * 1024);
        assertThat(d.clockSkewTolerance()).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.commandTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(d.topicPartitions()).isEqualTo(6);
        assertThat(d.compression()).isEqualTo("zstd");
    }

    @Test
    void load_whenKeyUnknown_thenErrorNamesIt() {
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("mqtt.prot", "1")))
                .hasMessageContaining("unknown setting 'mqtt.prot'");
    }

    @Test
    void load_whenWaterMarksInverted_thenRefused() {
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("kafka.lowWaterFraction", "0.8")))
                .hasMessageContaining("kafka.lowWaterFraction");
    }

    @Test
    void load_whenTlsEnabledWithoutCertificate_thenRefused() {
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("mqtt.tls.enabled", "true")))
                .hasMessageContaining("mqtt.tls.certFile");
        assertThat(GatewayConfig.of(Map.of("mqtt.tls.enabled", "true", "mqtt.tls.selfSigned", "true")).mqttTlsEnabled()).isTrue();
    }

    @Test
    void load_whenSourceExemptIsNotAListOfAddresses_thenRefusedNamingTheSetting() {
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("limits.sourceExempt", "127.0.0.1,localhost")))
                .hasMessageContaining("limits.sourceExempt").hasMessageContaining("'localhost' is not an IP address");
        assertThat(GatewayConfig.of(Map.of("limits.sourceExempt", "")).limitsSourceExempt().isEmpty()).isTrue();
    }

    @Test
    void load_whenPreAuthOrControlPacketLimitAboveMaxPacketBytes_thenRefused() {
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("limits.maxPacketBytes", "2048", "limits.maxConnectBytes", "4096")))
                .hasMessageContaining("limits.maxConnectBytes");
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("limits.maxControlPacketBytes", "2000000")))
                .hasMessageContaining("limits.maxControlPacketBytes");
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("limits.maxFiltersPerSubscribe", "100")))
                .hasMessageContaining("limits.maxFiltersPerSubscribe");
    }

    @Test
    void markdownTable_listsEverySettingWithEnvironmentNameAndDefault() {
        String table = GatewayConfig.markdownTable();
        for (Setting s : GatewaySettingsTable.ALL) {
            assertThat(table).contains("`" + s.key() + "`").contains("`" + s.envName() + "`");
            assertThat(s.description()).isNotBlank();
        }
        assertThat(table).contains("| `mqtt.port` | `ANJU_MQTT_PORT` | `1883` |");
    }

    @Test
    void kafkaClientConfig_withTheEmbeddedBroker_isRefused(@TempDir Path dir) throws Exception {
        Path clientConfig = Files.writeString(dir.resolve("kafka-client.properties"), "security.protocol=SASL_SSL\n");
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("kafka.clientConfig", clientConfig.toString())))
                .hasMessageContaining("kafka.clientConfig").hasMessageContaining("needs kafka.bootstrap");
    }

    @Test
    void kafkaClientConfig_thatCannotBeRead_failsAtLoadNamingTheSetting(@TempDir Path dir) {
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("kafka.bootstrap", "k:9093",
                "kafka.clientConfig", dir.resolve("missing.properties").toString())))
                .hasMessageContaining("setting kafka.clientConfig");
    }

    @Test
    void docsConfiguration_gatewaySection_isTheTable() throws Exception {
        List<String> docs = Files.readAllLines(Path.of("..", "docs", "configuration.md"));
        int section = docs.indexOf("## Gateway (`./anju gateway`)");
        assertThat(section).as("docs/configuration.md has a gateway section").isNotNegative();
        List<String> rows = docs.stream().skip(section + 1).takeWhile(l -> !l.startsWith("## "))
                .filter(l -> l.startsWith("|")).toList();
        assertThat(rows).as("regenerate the gateway table of docs/configuration.md with ./anju gateway --settings")
                .containsExactlyElementsOf(GatewayConfig.markdownTable().lines().toList());
    }

    @Test
    void exampleProperties_shippedWithTheGateway_isCurrentAndLoads() throws Exception {
        Path shipped = Path.of("config/gateway.properties.example");
        assertThat(Files.readString(shipped))
                .as("regenerate gateway/config/gateway.properties.example from GatewayConfig.exampleProperties()")
                .isEqualTo(GatewayConfig.exampleProperties());
        assertThat(GatewayConfig.load(Optional.of(shipped), Map.of(), Map.of()).mqttPort()).isEqualTo(1883);
    }
}
