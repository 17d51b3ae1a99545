package io.anju.gateway.config;

import io.anju.common.http.MetricsAccess;
import io.anju.common.auth.DeviceToken;
import io.anju.common.config.ConfigValues;
import io.anju.common.config.Require;
import io.anju.common.config.Setting;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.Replication;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.anju.common.config.Setting.bool;
import static io.anju.common.config.Setting.choice;
import static io.anju.common.config.Setting.decimal;
import static io.anju.common.config.Setting.duration;
import static io.anju.common.config.Setting.integer;
import static io.anju.common.config.Setting.longValue;
import static io.anju.common.config.Setting.port;
import static io.anju.common.config.Setting.string;

/**
 * The gateway's configuration: one typed, immutable object. Values come from the defaults in {@link #SETTINGS},
 * then an optional properties file, then environment variables ({@code ANJU_MQTT_PORT} for {@code mqtt.port}),
 * then command-line overrides; every value is validated when loaded, with an error naming the setting.
 * {@link #SETTINGS} is the only place a gateway setting's default and bounds are written: the settings records the
 * parts take ({@link #downstream}, {@link #mqttLimits}, {@link #commandsHoldLimits}) are built from it here.
 */
public final class GatewayConfig {

    /** Every setting of the gateway, in documentation order. */
    public static final List<Setting> SETTINGS = List.of(
            string("node.id", "", "Name of this gateway node in envelopes and logs (empty = the host name); unique among the gateways of a Kafka cluster: a node whose id another running node holds refuses to start"),
            duration("node.lease", "30s", "3s", "10m", "How long a node's claim on its node.id holds without a heartbeat (renewed every third of it); a node restarted on the same host after a crash takes its id back at once"),
            string("mqtt.host", "0.0.0.0", "Address the MQTT listeners bind to"),
            port("mqtt.port", 1883, "MQTT over TCP port (0 = any free port)"),
            bool("mqtt.tls.enabled", false, "Also listen for MQTT over TLS"),
            port("mqtt.tls.port", 8883, "MQTT over TLS port (0 = any free port)"),
            string("mqtt.tls.certFile", "", "PEM certificate chain of the TLS listener"),
            string("mqtt.tls.keyFile", "", "PEM PKCS#8 private key of the TLS listener"),
            string("mqtt.tls.clientCaFile", "", "PEM CA certificates for device certificates (mutual TLS; CN = device id); empty = no client certificates"),
            bool("mqtt.tls.selfSigned", false, "Generate a self-signed certificate at start instead of reading certFile/keyFile (demos only)"),
            bool("mqtt.reasonStrings", true, "Tell MQTT 5 clients why in a Reason String on negative answers (refused CONNECT, PUBACK 0x99 naming the broken rule, DISCONNECT)"),
            string("http.host", "0.0.0.0", "Address the HTTP endpoint (/health, /metrics) binds to"),
            port("http.port", 9080, "HTTP port of /health and /metrics (0 = any free port)"),
            string("metrics.token", "", "Bearer token that lets callers read /metrics (16+ characters); empty = only callers on this host (loopback) may"),
            integer("limits.maxConnections", 20_000, 1, 1_000_000, "Most device connections held at once; more are closed at accept"),
            integer("limits.maxPacketBytes", 1_114_112, 1_024, 268_435_455, "Largest MQTT packet accepted (1 MiB snapshot + 64 KiB headroom); larger closes the connection"),
            integer("limits.maxClientIdLength", 128, 1, 65_535, "Longest MQTT client identifier accepted"),
            duration("limits.connectTimeout", "10s", "1s", "10m", "Time from TCP accept to CONNECT before the socket is dropped"),
            decimal("limits.keepAliveFactor", 1.5, 1.0, 10.0, "A connection silent for this many keep-alive intervals is closed"),
            integer("limits.connectRatePerSecond", 500, 1, 1_000_000, "Sustained new TCP connections per second accepted by this node"),
            integer("limits.connectRateBurst", 1_000, 1, 1_000_000, "Burst of new TCP connections accepted above the sustained rate"),
            integer("limits.sourceConnectRatePerSecond", 20, 1, 1_000_000, "Sustained new TCP connections per second from one source (an IPv4 address or IPv6 /64)"),
            integer("limits.sourceConnectRateBurst", 100, 1, 1_000_000, "Burst of new TCP connections from one source above its sustained rate"),
            integer("limits.sourceMaxPreAuth", 32, 1, 1_000_000, "Connections from one source accepted but not yet authenticated (no CONNACK yet); more are closed at accept"),
            string("limits.sourceExempt", "127.0.0.0/8,::1", "Sources not limited per source (comma-separated addresses or address/prefix): loopback, a local TLS proxy, a trusted site NAT"),
            integer("limits.maxConnectBytes", 4_096, 256, 268_435_455, "Largest packet before authentication (the CONNECT with credentials and Will); refused from its fixed header, before it is buffered"),
            integer("limits.maxControlPacketBytes", 4_096, 64, 268_435_455, "Largest packet other than PUBLISH after authentication (SUBSCRIBE, acknowledgements, DISCONNECT), and largest property section of an MQTT 5 PUBLISH; refused from the headers, before it is buffered"),
            integer("limits.maxUserProperties", 32, 0, 100_000, "MQTT 5 user properties (and subscription identifiers) in one packet; more closes the connection (0x97 Quota exceeded)"),
            integer("limits.maxFiltersPerSubscribe", 8, 1, 10_000, "Topic filters in one SUBSCRIBE or UNSUBSCRIBE (a device needs one); more closes the connection"),
            integer("limits.maxFiltersPerConnection", 64, 1, 1_000_000, "Topic filters one connection may send in all its SUBSCRIBEs and UNSUBSCRIBEs; more closes it"),
            integer("limits.controlPacketsPerSecond", 5, 1, 1_000_000, "Sustained rate per device of packets other than PUBLISH (SUBSCRIBE, UNSUBSCRIBE, PINGREQ, acks of nothing outstanding); faster devices are slowed by not reading their socket"),
            integer("limits.controlPacketBurst", 20, 1, 1_000_000, "Burst of packets other than PUBLISH per device above the sustained rate"),
            duration("limits.unwritableTimeout", "30s", "1s", "10m", "Time a device may leave what the gateway sends unread (its connection stays unwritable) before it is closed"),
            integer("limits.flappingMaxConnects", 10, 1, 10_000, "CONNECTs per device per minute above which the device is banned"),
            duration("limits.flappingBan", "5m", "1s", "24h", "How long a flapping device is refused"),
            integer("limits.messagesPerSecond", 50, 1, 1_000_000, "Sustained PUBLISH rate per device; faster devices are slowed by not reading their socket"),
            integer("limits.messageBurst", 200, 1, 1_000_000, "PUBLISH burst per device above the sustained rate"),
            integer("limits.inflightPerConnection", 100, 1, 65_535, "Unacknowledged PUBLISHes per connection before its socket stops being read; also the Receive Maximum announced to MQTT 5 devices and the most QoS 2 packet ids a device may leave unreleased"),
            duration("commands.deliveryTimeout", "10s", "100ms", "10m", "Time a connected device has to PUBACK a command"),
            duration("commands.ttlDefault", "10m", "1s", "168h", "Time-to-live of a command that does not set one"),
            integer("commands.maxHeldPerDevice", 32, 0, 1_000, "Commands held for an offline device until it reconnects (0 = report it offline at once)"),
            integer("commands.maxHeld", 100_000, 0, 10_000_000, "Commands held for offline devices in all; beyond it a command is reported offline"),
            duration("commands.replyWindow", "10m", "1s", "168h", "How long after the gateway took or sent a command a device may reply to it; other replies are quarantined"),
            integer("commands.maxAwaitingReply", 100_000, 100, 10_000_000, "Command ids remembered for matching replies; beyond it the oldest is forgotten"),
            string("auth.tokenSecretsFile", "", "Credentials CSV (deviceId,type,secret) enabling signed-token passwords; empty = tokens refused"),
            duration("auth.tokenWindow", "5m", "1s", "24h", "How long a signed token stays good after the time it carries (each is good for one CONNECT)"),
            duration("auth.tokenClockSkew", "30s", "0s", "10m", "How far ahead of the gateway clock a token's time may be (device clocks running fast)"),
            integer("auth.tokenReplayCapacity", 200_000, 1_000, 10_000_000, "Used tokens remembered to refuse their replay; when full, token logins are refused until the oldest expire"),
            duration("shutdown.drainTimeout", "10s", "0s", "10m", "Time graceful shutdown waits for in-flight messages to reach the log"),
            string("registry.file", "./data/registry.json", "Registry of places and devices (JSON)"),
            string("data.dir", "./data", "Directory for the embedded Kafka broker and snapshots"),
            string("kafka.bootstrap", "", "bootstrap.servers of an external Kafka cluster; empty = start the embedded broker"),
            string("kafka.clientConfig", "", "Kafka client properties file with the cluster's security settings (security.protocol, sasl.*, ssl.*; as Kafka tools' --command-config); needs kafka.bootstrap (the embedded broker makes its own SCRAM user, kept in data.dir/kafka-sasl/client.properties); empty = PLAINTEXT"),
            port("kafka.port", 9092, "Port of the embedded Kafka broker (127.0.0.1)"),
            longValue("kafka.bufferMemoryBytes", 64L << 20, 1L << 20, 1L << 34, "Producer buffer memory"),
            decimal("kafka.highWaterFraction", 0.75, 0.05, 1.0, "Buffer fill above which device sockets stop being read"),
            decimal("kafka.lowWaterFraction", 0.5, 0.0, 0.95, "Buffer fill below which reading resumes"),
            integer("kafka.lingerMs", 5, 0, 1_000, "Producer linger.ms; every QoS 1/2 acknowledgement waits for it"),
            choice("kafka.compression", "lz4", List.of("none", "lz4", "zstd", "snappy", "gzip"), "Producer compression.type"),
            integer("kafka.deliveryTimeoutMs", 120_000, 1_000, 3_600_000, "Producer delivery.timeout.ms; after it a message counts as unavailable"),
            integer("kafka.topicPartitions", 6, 1, 1_000, "Partitions of topics the gateway creates"),
            integer("kafka.replicationFactor", Replication.AUTO, 0, 7, "Replication factor of topics the gateway creates; 0 = as many as the cluster has brokers, up to 3 (one broker: 1). Three or more replicas come with min.insync.replicas=2, so a PUBACK means two copies"),
            string("snapshot.dir", "", "Blob store directory for snapshots (empty = <data.dir>/snapshots)"),
            integer("snapshot.maxBytes", 1_048_576, 1_024, 16_777_216, "Largest snapshot image accepted"),
            // Disk: snapshot retention, the free-space watermark, Kafka retention (docs/operations.md, docs/security.md)
            duration("snapshot.retention", "720h", "1h", "87600h", "Age after which a snapshot image is deleted"),
            duration("snapshot.faceRetention", "168h", "1h", "87600h", "Age after which a face image (every snapshot of a gate) is deleted; at most snapshot.retention"),
            longValue("snapshot.maxBytesPerDevice", 512L << 20, 1L << 20, 1L << 50, "Snapshot bytes kept per device; beyond them its oldest images are deleted"),
            longValue("snapshot.maxTotalBytes", 20L << 30, 16L << 20, 1L << 50, "Snapshot bytes kept in all; beyond them the oldest images are deleted"),
            duration("snapshot.sweepInterval", "10m", "10s", "24h", "Time between retention sweeps of the whole snapshot store"),
            longValue("disk.minFreeBytes", 1L << 30, 0, 1L << 50, "Free space under data.dir (and snapshot.dir) below which ingest pauses and snapshots are refused"),
            decimal("disk.minFreeFraction", 0.02, 0.0, 0.5, "The same as a share of the file system; the larger of the two applies (both 0 = off)"),
            duration("disk.checkInterval", "1s", "100ms", "1m", "Time between free-space checks"),
            duration("kafka.retention", TopicRetention.DEFAULT.time().toHours() + "h", "1h", "87600h", "retention.ms of the topics the gateway creates, and the embedded broker's default"),
            longValue("kafka.retentionBytes", TopicRetention.DEFAULT.bytesPerPartition(), 1L << 20, 1L << 50, "retention.bytes (per partition) of the topics the gateway creates, and the embedded broker's default"),
            integer("payload.maxBytes", 16_384, 256, 262_144, "Largest JSON payload accepted"),
            duration("clock.skewTolerance", "5m", "0s", "24h", "Device clock offset above which envelopes are flagged"),
            decimal("diagnostics.ratePerSecond", 2.0, 0.01, 100_000.0, "Sustained anju.diagnostics records per device (and, for refused connections, per client id and per source address); more are suppressed"),
            integer("diagnostics.burst", 30, 1, 1_000_000, "Burst of anju.diagnostics records per device, client id or source address above the sustained rate"));

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
        GatewayConfig config = new GatewayConfig(ConfigValues.load(SETTINGS, propertiesFile, env, overrides));
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
        return ConfigValues.markdownTable(SETTINGS);
    }

    /** A properties file listing every setting, commented out at its default, with its description. */
    public static String exampleProperties() {
        return ConfigValues.exampleProperties("gateway", SETTINGS);
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
