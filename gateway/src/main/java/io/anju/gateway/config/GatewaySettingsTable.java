package io.anju.gateway.config;

import io.anju.common.config.Setting;
import io.anju.common.topic.Replication;
import io.anju.common.topic.TopicRetention;

import java.util.List;

import static io.anju.common.config.Setting.bool;
import static io.anju.common.config.Setting.choice;
import static io.anju.common.config.Setting.decimal;
import static io.anju.common.config.Setting.duration;
import static io.anju.common.config.Setting.integer;
import static io.anju.common.config.Setting.longValue;
import static io.anju.common.config.Setting.port;
import static io.anju.common.config.Setting.string;

/**
 * Every gateway setting with its default, bounds and description: the one place they are written. Its order is the
 * order of {@code --settings}, docs/configuration.md and config/gateway.properties.example; {@link GatewayConfig}
 * reads values by these keys.
 */
public final class GatewaySettingsTable {

    /** Every setting of the gateway, in documentation order. */
    public static final List<Setting> ALL = List.of(
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

    private GatewaySettingsTable() {
    }
}
