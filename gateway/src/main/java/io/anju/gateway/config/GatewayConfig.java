package io.anju.gateway.config;

import io.anju.common.http.MetricsAccess;
import io.anju.common.auth.DeviceToken;
import io.anju.common.config.ConfigValues;
import io.anju.common.config.Require;
import io.anju.common.config.Setting;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.TopicRetention;
import io.anju.gateway.auth.TokenLimits;
import io.anju.gateway.disk.DiskWatermark;
import io.anju.gateway.downlink.HoldLimits;
import io.anju.gateway.kafka.DownstreamSettings;
import io.anju.gateway.mqtt.connection.MqttLimits;
import io.anju.gateway.protect.AddressRanges;
import io.anju.gateway.snapshot.RetentionLimits;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's configuration: one typed, immutable object. Values come from the defaults in
 * {@link GatewaySettingsTable}, then an optional properties file, then environment variables ({@code ANJU_MQTT_PORT}
 * for {@code mqtt.port}), then command-line overrides; every value is validated when loaded, with an error naming the
 * setting. {@link GatewaySettingsTable} is the only place a gateway setting's default and bounds are written: the
 * settings records the parts take ({@link #downstream}, {@link #mqttLimits}, {@link #commandsHoldLimits}) are built from it here.
 */
public final class GatewayConfig {

    private static final String NODE_ID = "[A-Za-z0-9._-]{1,64}";

    private final ConfigValues values;
    /** Read once at load: the client config file is checked at start, and its permissions warned about once. */
    private final KafkaConnection kafka;
    /** Built at load: a token too short to be safe fails there, naming {@code metrics.token}. */
    private final MetricsAccess metricsAccess;

    private GatewayConfig(ConfigValues values) {
        this.values = values;
        this.kafka = KafkaConnection.of(values.str("kafka.bootstrap"), values.str("kafka.clientConfig"),
                "kafka.clientConfig");
        this.metricsAccess = MetricsAccess.of(values.str("metrics.token"));
    }

    /** Defaults only. */
    public static GatewayConfig defaults() {
        return load(Optional.empty(), Map.of(), Map.of());
    }

    /** Defaults plus the given overrides (tests and embedding). */
    public static GatewayConfig of(Map<String, String> overrides) {
        return load(Optional.empty(), Map.of(), overrides);
    }

    /**
     * Loads defaults, then the properties file (if present), then {@code ANJU_*} variables of {@code env}, then
     * {@code overrides} (command line). Unknown keys in the file or overrides and out-of-bounds values fail with
     * an {@link IllegalArgumentException} naming the setting.
     */
    public static GatewayConfig load(Optional<Path> propertiesFile, Map<String, String> env, Map<String, String> overrides) {
        GatewayConfig config = new GatewayConfig(ConfigValues.load(GatewaySettingsTable.ALL, propertiesFile, env, overrides));
        config.validateTogether();
        return config;
    }

    /** The rules that join two settings, or that a bound alone cannot say. */
    private void validateTogether() {
        String node = str("node.id");
        Require.that(node.isEmpty() || node.matches(NODE_ID), "node.id", node, "must be 1-64 characters of A-Z a-z 0-9 . _ -");
        Require.that(kafkaLowWaterFraction() < kafkaHighWaterFraction(), "kafka.lowWaterFraction", kafkaLowWaterFraction(),
                "must be below kafka.highWaterFraction (" + kafkaHighWaterFraction() + ")");
        Require.that(kafkaDeliveryTimeoutMs() >= 1_000 + kafkaLingerMs(), "kafka.deliveryTimeoutMs", kafkaDeliveryTimeoutMs(),
                "must be at least 1000 + kafka.lingerMs (" + kafkaLingerMs() + ")");
        Require.that(!mqttTlsEnabled() || mqttTlsSelfSigned() || !(mqttTlsCertFile().isEmpty() || mqttTlsKeyFile().isEmpty()),
                "mqtt.tls.certFile", mqttTlsCertFile(),
                "mqtt.tls.certFile and mqtt.tls.keyFile are required when mqtt.tls.enabled=true (or set mqtt.tls.selfSigned=true)");
        Require.that(limitsMessageBurst() >= limitsMessagesPerSecond(), "limits.messageBurst", limitsMessageBurst(),
                "must be at least limits.messagesPerSecond (" + limitsMessagesPerSecond() + ")");
        Require.that(authTokenClockSkew().compareTo(authTokenWindow()) <= 0, "auth.tokenClockSkew",
                authTokenClockSkew().toMillis() + "ms", "must not exceed auth.tokenWindow (" + authTokenWindow().toMillis() + "ms)");
        Require.that(limitsControlPacketBurst() >= limitsControlPacketsPerSecond(), "limits.controlPacketBurst",
                limitsControlPacketBurst(), "must be at least limits.controlPacketsPerSecond (" + limitsControlPacketsPerSecond() + ")");
        Require.that(limitsSourceConnectRateBurst() >= limitsSourceConnectRatePerSecond(), "limits.sourceConnectRateBurst",
                limitsSourceConnectRateBurst(), "must be at least limits.sourceConnectRatePerSecond (" + limitsSourceConnectRatePerSecond() + ")");
        Require.that(limitsMaxConnectBytes() <= limitsMaxPacketBytes(), "limits.maxConnectBytes", limitsMaxConnectBytes(),
                "must be at most limits.maxPacketBytes (" + limitsMaxPacketBytes() + ")");
        Require.that(limitsMaxControlPacketBytes() <= limitsMaxPacketBytes(), "limits.maxControlPacketBytes",
                limitsMaxControlPacketBytes(), "must be at most limits.maxPacketBytes (" + limitsMaxPacketBytes() + ")");
        Require.that(limitsMaxFiltersPerSubscribe() <= limitsMaxFiltersPerConnection(), "limits.maxFiltersPerSubscribe",
                limitsMaxFiltersPerSubscribe(), "must be at most limits.maxFiltersPerConnection (" + limitsMaxFiltersPerConnection() + ")");
        try {
            limitsSourceExempt();
        } catch (IllegalArgumentException e) {
            throw Require.failure("limits.sourceExempt", str("limits.sourceExempt"), e.getMessage());
        }
        Require.that(kafka.security().isEmpty() || !kafkaBootstrap().isBlank(), "kafka.clientConfig",
                str("kafka.clientConfig"), "needs kafka.bootstrap: the embedded broker makes its own credentials");
        RetentionLimits snapshots = snapshotRetention();
        Require.that(snapshots.faceMaxAge().compareTo(snapshots.maxAge()) <= 0, "snapshot.faceRetention",
                Setting.format(snapshots.faceMaxAge()), "must not exceed snapshot.retention (" + Setting.format(snapshots.maxAge()) + ")");
        Require.that(snapshots.deviceMaxBytes() <= snapshots.totalMaxBytes(), "snapshot.maxBytesPerDevice",
                snapshots.deviceMaxBytes(), "must not exceed snapshot.maxTotalBytes (" + snapshots.totalMaxBytes() + ")");
    }

    /**
     * What the Kafka side takes: the producer, topic and record settings, with {@code bootstrapServers} (the
     * configured cluster's, or the embedded broker's once it is up) and the security settings of
     * {@code kafka.clientConfig}.
     */
    public DownstreamSettings downstream(String bootstrapServers) {
        return downstream(kafka.withBootstrapServers(bootstrapServers));
    }

    /** What the Kafka side takes, towards {@code kafka} (the embedded broker, with the credentials it made). */
    public DownstreamSettings downstream(KafkaConnection kafka) {
        Require.that(!kafka.bootstrapServers().isBlank(), "kafka.bootstrap", kafka.bootstrapServers(),
                "must name at least one broker");
        return new DownstreamSettings(kafka, nodeId(), kafkaBufferMemoryBytes(), kafkaHighWaterFraction(),
                kafkaLowWaterFraction(), kafkaLingerMs(), kafkaDeliveryTimeoutMs(), kafkaTopicPartitions(),
                (short) kafkaReplicationFactor(), payloadMaxBytes(), snapshotMaxBytes(), clockSkewTolerance(),
                snapshotDir(), commandsTtlDefault(), kafkaCompression(), kafkaTopicRetention());
    }

    /** The per-connection protocol limits. */
    public MqttLimits mqttLimits() {
        return new MqttLimits(limitsMaxPacketBytes(), limitsMaxConnectBytes(), limitsMaxControlPacketBytes(),
                limitsMaxClientIdLength(), limitsConnectTimeout(), limitsKeepAliveFactor(), limitsMessagesPerSecond(),
                limitsMessageBurst(), limitsControlPacketsPerSecond(), limitsControlPacketBurst(),
                limitsInflightPerConnection(), limitsMaxUserProperties(), limitsMaxFiltersPerSubscribe(),
                limitsMaxFiltersPerConnection(), limitsUnwritableTimeout());
    }

    /** A markdown table of every setting: key, environment variable, default, bounds, description. */
    public static String markdownTable() {
        return ConfigValues.markdownTable(GatewaySettingsTable.ALL);
    }

    /** A properties file listing every setting, commented out at its default, with its description. */
    public static String exampleProperties() {
        return ConfigValues.exampleProperties("gateway", GatewaySettingsTable.ALL);
    }

    /** The raw typed value of a setting (String, Integer, Long, Double, Boolean or Duration). */
    public Object value(String key) {
        return values.value(key);
    }

    private String str(String key) {
        return values.str(key);
    }

    private int i(String key) {
        return values.i(key);
    }

    private long l(String key) {
        return values.l(key);
    }

    private Duration d(String key) {
        return values.d(key);
    }

    private double dbl(String key) {
        return values.dbl(key);
    }

    private boolean b(String key) {
        return values.b(key);
    }

    public String nodeId() {
        String v = str("node.id");
        return v.isEmpty() ? hostName() : v;
    }

    /** How long this node's claim on its id holds without a heartbeat ({@code anju.gateway-nodes}). */
    public Duration nodeLease() {
        return d("node.lease");
    }

    /** This host's name, the default node id; "gateway" when the host has none. */
    public static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "gateway";
        }
    }

    public String mqttHost() { return str("mqtt.host"); }

    public int mqttPort() { return i("mqtt.port"); }

    public boolean mqttTlsEnabled() { return b("mqtt.tls.enabled"); }

    public int mqttTlsPort() { return i("mqtt.tls.port"); }

    public String mqttTlsCertFile() { return str("mqtt.tls.certFile"); }

    public String mqttTlsKeyFile() { return str("mqtt.tls.keyFile"); }

    public String mqttTlsClientCaFile() { return str("mqtt.tls.clientCaFile"); }

    public boolean mqttTlsSelfSigned() { return b("mqtt.tls.selfSigned"); }

    public boolean mqttReasonStrings() { return b("mqtt.reasonStrings"); }

    public String httpHost() { return str("http.host"); }

    public int httpPort() { return i("http.port"); }

    /** Who may read {@code /metrics}: loopback callers, or the holders of {@code metrics.token}. */
    public MetricsAccess metricsAccess() { return metricsAccess; }

    public int limitsMaxConnections() { return i("limits.maxConnections"); }

    public int limitsMaxPacketBytes() { return i("limits.maxPacketBytes"); }

    public int limitsMaxClientIdLength() { return i("limits.maxClientIdLength"); }

    public Duration limitsConnectTimeout() { return d("limits.connectTimeout"); }

    public double limitsKeepAliveFactor() { return dbl("limits.keepAliveFactor"); }

    public int limitsConnectRatePerSecond() { return i("limits.connectRatePerSecond"); }

    public int limitsConnectRateBurst() { return i("limits.connectRateBurst"); }

    public int limitsSourceConnectRatePerSecond() { return i("limits.sourceConnectRatePerSecond"); }

    public int limitsSourceConnectRateBurst() { return i("limits.sourceConnectRateBurst"); }

    public int limitsSourceMaxPreAuth() { return i("limits.sourceMaxPreAuth"); }

    /** The sources exempt from the per-source limits. */
    public AddressRanges limitsSourceExempt() { return AddressRanges.parse(str("limits.sourceExempt")); }

    public int limitsMaxConnectBytes() { return i("limits.maxConnectBytes"); }

    public int limitsMaxControlPacketBytes() { return i("limits.maxControlPacketBytes"); }

    public int limitsMaxUserProperties() { return i("limits.maxUserProperties"); }

    public int limitsMaxFiltersPerSubscribe() { return i("limits.maxFiltersPerSubscribe"); }

    public int limitsMaxFiltersPerConnection() { return i("limits.maxFiltersPerConnection"); }

    public int limitsControlPacketsPerSecond() { return i("limits.controlPacketsPerSecond"); }

    public int limitsControlPacketBurst() { return i("limits.controlPacketBurst"); }

    public Duration limitsUnwritableTimeout() { return d("limits.unwritableTimeout"); }

    public int limitsFlappingMaxConnects() { return i("limits.flappingMaxConnects"); }

    public Duration limitsFlappingBan() { return d("limits.flappingBan"); }

    public int limitsMessagesPerSecond() { return i("limits.messagesPerSecond"); }

    public int limitsMessageBurst() { return i("limits.messageBurst"); }

    public int limitsInflightPerConnection() { return i("limits.inflightPerConnection"); }

    public Duration commandsDeliveryTimeout() { return d("commands.deliveryTimeout"); }

    public Duration commandsTtlDefault() { return d("commands.ttlDefault"); }

    public HoldLimits commandsHoldLimits() {
        return new HoldLimits(i("commands.maxHeldPerDevice"), i("commands.maxHeld"));
    }

    public Duration commandsReplyWindow() { return d("commands.replyWindow"); }

    public int commandsMaxAwaitingReply() { return i("commands.maxAwaitingReply"); }

    /** The credentials CSV enabling token passwords, if configured. */
    public Optional<Path> authTokenSecretsFile() {
        String v = str("auth.tokenSecretsFile");
        return v.isEmpty() ? Optional.empty() : Optional.of(Path.of(v));
    }

    public Duration authTokenWindow() { return d("auth.tokenWindow"); }

    public Duration authTokenClockSkew() { return d("auth.tokenClockSkew"); }

    /** The signed-token rules: the window around the gateway clock and the memory of used tokens. */
    public TokenLimits tokenLimits() {
        return new TokenLimits(new DeviceToken.Window(authTokenWindow().toMillis(), authTokenClockSkew().toMillis()),
                i("auth.tokenReplayCapacity"));
    }

    public Duration shutdownDrainTimeout() { return d("shutdown.drainTimeout"); }

    public Path registryFile() { return Path.of(str("registry.file")); }

    public Path dataDir() { return Path.of(str("data.dir")); }

    public String kafkaBootstrap() { return str("kafka.bootstrap"); }

    /** {@code kafka.clientConfig}; empty = none. */
    public String kafkaClientConfig() { return str("kafka.clientConfig"); }

    /** {@code kafka.bootstrap} with the security settings of {@code kafka.clientConfig}. */
    public KafkaConnection kafka() { return kafka; }

    public int kafkaPort() { return i("kafka.port"); }

    public long kafkaBufferMemoryBytes() { return (Long) value("kafka.bufferMemoryBytes"); }

    public double kafkaHighWaterFraction() { return dbl("kafka.highWaterFraction"); }

    public double kafkaLowWaterFraction() { return dbl("kafka.lowWaterFraction"); }

    public int kafkaLingerMs() { return i("kafka.lingerMs"); }

    public String kafkaCompression() { return str("kafka.compression"); }

    public int kafkaDeliveryTimeoutMs() { return i("kafka.deliveryTimeoutMs"); }

    public int kafkaTopicPartitions() { return i("kafka.topicPartitions"); }

    public int kafkaReplicationFactor() { return i("kafka.replicationFactor"); }

    public Path snapshotDir() {
        String v = str("snapshot.dir");
        return v.isEmpty() ? dataDir().resolve("snapshots") : Path.of(v);
    }

    public int snapshotMaxBytes() { return i("snapshot.maxBytes"); }

    /** How long and how much of the snapshot store is kept. */
    public RetentionLimits snapshotRetention() {
        return new RetentionLimits(d("snapshot.retention"), d("snapshot.faceRetention"), l("snapshot.maxBytesPerDevice"),
                l("snapshot.maxTotalBytes"), d("snapshot.sweepInterval"));
    }

    /** When free space under the data directories counts as low. */
    public DiskWatermark diskWatermark() {
        return new DiskWatermark(l("disk.minFreeBytes"), dbl("disk.minFreeFraction"));
    }

    public Duration diskCheckInterval() { return d("disk.checkInterval"); }

    /** Retention by time and by size of the topics the gateway creates (and the embedded broker's default). */
    public TopicRetention kafkaTopicRetention() {
        return new TopicRetention(d("kafka.retention"), l("kafka.retentionBytes"));
    }

    public int payloadMaxBytes() { return i("payload.maxBytes"); }

    public Duration clockSkewTolerance() { return d("clock.skewTolerance"); }

    public double diagnosticsRatePerSecond() { return dbl("diagnostics.ratePerSecond"); }

    public int diagnosticsBurst() { return i("diagnostics.burst"); }

    @Override
    public String toString() {
        return "GatewayConfig" + values;
    }
}
