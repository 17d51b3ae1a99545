package io.anju.gateway;

import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryLoader;
import io.anju.common.registry.live.RegistryFollower;
import io.anju.common.registry.live.RegistryTopic;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.KafkaProbe;
import io.anju.common.topic.Topics;
import io.anju.gateway.auth.Authenticator;
import io.anju.gateway.auth.TokenSecrets;
import io.anju.gateway.cluster.NodeIdLease;
import io.anju.gateway.config.GatewayConfig;
import io.anju.gateway.diagnostics.Diagnostics;
import io.anju.gateway.diagnostics.DiagnosticsSink;
import io.anju.gateway.diagnostics.KafkaDiagnosticsSink;
import io.anju.gateway.disk.DiskGuard;
import io.anju.gateway.disk.FreeSpace;
import io.anju.gateway.downlink.CommandRelay;
import io.anju.gateway.downlink.RegisteredDelivery;
import io.anju.gateway.ingest.Ingest;
import io.anju.gateway.kafka.DownstreamSettings;
import io.anju.gateway.kafka.KafkaIngest;
import io.anju.gateway.metrics.GatewayMetrics.ConnectOutcome;
import io.anju.gateway.metrics.GatewayMetrics;
import io.anju.gateway.mqtt.connection.MqttServices;
import io.anju.gateway.mqtt.reply.ReasonStrings;
import io.anju.gateway.protect.AcceptGuard;
import io.anju.gateway.protect.FlappingGuard;
import io.anju.gateway.protect.SourceLimits;
import io.anju.gateway.protect.TokenBucket;
import io.anju.gateway.session.RegistryEnforcer;
import io.anju.gateway.session.SessionRegistry;
import io.anju.gateway.snapshot.FileBlobStore;
import io.anju.gateway.snapshot.SnapshotSweeper;
import io.anju.gateway.validate.AwaitedReplies;
import io.anju.kafka.EmbeddedKafka;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One running gateway node: the embedded Kafka broker (when no external cluster is configured), the Kafka ingest,
 * the MQTT/HTTP server and the command relay, started in that order and stopped in reverse. The gateway's composition
 * root: every part is built here (or in {@link #server}) from the {@link GatewayConfig}.
 */
public final class GatewayNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayNode.class);
    /** How long a starting node waits to read the registry's published revisions before it lets devices in. */
    private static final Duration REGISTRY_CATCH_UP = Duration.ofSeconds(15);

    private final GatewayConfig config;
    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private EmbeddedKafka embeddedKafka;
    private KafkaIngest ingest;
    private KafkaDiagnosticsSink diagnostics;
    private KafkaProbe kafkaProbe;
    private DiskGuard disk;
    private SnapshotSweeper sweeper;
    private GatewayServer server;
    private CommandRelay relay;
    private RegistryFollower registry;
    private NodeIdLease lease;
    private LongSupplier receiveClock = System::currentTimeMillis;

    public GatewayNode(GatewayConfig config) {
        this.config = config;
    }

    /**
     * Stamps receive times from {@code clock} instead of the wall clock: a simulated district that runs faster than
     * real time (the demo, the scenario tests) has devices whose clocks follow the simulation, and the gateway's
     * receive time must agree with them, as a real gateway's agrees with well-set device clocks.
     */
    public GatewayNode withReceiveClock(LongSupplier clock) {
        this.receiveClock = clock;
        return this;
    }

    /** Starts every part; if one fails, what was started is stopped again and the failure is rethrown. */
    public GatewayNode start() throws InterruptedException {
        try {
            Registry fromFile = RegistryLoader.load(config.registryFile());
            LOG.info("registry {}: {} devices", config.registryFile(), fromFile.devices().size());
            new JvmMemoryMetrics().bindTo(prometheus);
            gcMetrics.bindTo(prometheus);
            new JvmThreadMetrics().bindTo(prometheus);
            new ProcessorMetrics().bindTo(prometheus);
            disk = diskGuard(config, prometheus).start(config.diskCheckInterval());

            DownstreamSettings downstream = config.downstream(startKafkaIfEmbedded());
            lease = NodeIdLease.acquire(downstream.kafka(), downstream.replicationFactor(), config.nodeId(),
                    GatewayConfig.hostName(), config.nodeLease());
            AwaitedReplies awaitedReplies = new AwaitedReplies(config.commandsReplyWindow(),
                    config.commandsMaxAwaitingReply(), System::currentTimeMillis);
            Gauge.builder("anju.gateway.commands.awaiting.reply", awaitedReplies, AwaitedReplies::size)
                    .description("Command ids whose reply this node awaits").register(prometheus);
            sweeper = new SnapshotSweeper(config.snapshotDir(), config.snapshotRetention(), prometheus,
                    System::currentTimeMillis).start();
            ingest = new KafkaIngest(downstream, new FileBlobStore(config.snapshotDir(), disk::writable, sweeper),
                    awaitedReplies, prometheus);
            kafkaProbe = KafkaProbe.start(downstream.kafka());
            registry = followRegistry(downstream, fromFile);
            diagnostics = new KafkaDiagnosticsSink(downstream, prometheus);
            server = server(config, registry::current, ingest, prometheus, kafkaProbe::up, receiveClock, disk,
                    diagnostics);
            registry.onChange(new RegistryEnforcer(server.sessions(), registry::current, prometheus));
            server.start();
            relay = new CommandRelay(downstream, server.commandDelivery(), prometheus, config.commandsHoldLimits(),
                    awaitedReplies, Clock.systemUTC(), receiveClock);
            server.onCommandsReady(relay::deviceReady);
            relay.start();
            LOG.info("gateway {} up: mqtt {}{}, http {}, kafka {}", config.nodeId(), server.mqttPort(),
                    server.tlsPort() > 0 ? ", mqtt/tls " + server.tlsPort() : "", server.httpPort(),
                    downstream.kafka());
            return this;
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    /**
     * The registry service's revisions on {@link Topics#REGISTRY}, read to their end before a device is let in; the
     * registry file is in use until the first revision (a single machine's bootstrap). Every later revision applies
     * while the gateway runs.
     */
    private RegistryFollower followRegistry(DownstreamSettings downstream, Registry fromFile)
            throws InterruptedException {
        RegistryTopic.ensure(downstream.kafka(), "kafka.bootstrap", downstream.replicationFactor());
        RegistryFollower follower = new RegistryFollower(downstream.kafka(), "anju-gateway-registry-" + config.nodeId(),
                fromFile).start(REGISTRY_CATCH_UP);
        Gauge.builder("anju.gateway.registry.revision", follower, RegistryFollower::revision)
                .description("Registry revision in use (0: the registry file, no revision published yet)")
                .register(prometheus);
        Gauge.builder("anju.gateway.registry.rejected", follower, RegistryFollower::rejected)
                .description("Registry records that did not parse or validate (the last good revision stays)")
                .register(prometheus);
        LOG.info("registry revision {} in use ({} devices), following {}", follower.revision(),
                follower.current().devices().size(), Topics.REGISTRY);
        return follower;
    }

    /**
     * The configured cluster, or the embedded broker, started here: it takes SCRAM clients only, as the generated user
     * whose settings it keeps owner-readable under {@code data.dir} (see {@link #kafkaClientConfig()}).
     */
    private KafkaConnection startKafkaIfEmbedded() {
        if (!config.kafkaBootstrap().isBlank()) {
            return config.kafka();
        }
        LOG.info("kafka.bootstrap is empty: starting the embedded Kafka broker on 127.0.0.1:{} under {}",
                config.kafkaPort(), config.dataDir());
        // Topics created without their own retention (auto-created, or by a client that sets none) get the gateway's.
        embeddedKafka = new EmbeddedKafka(config.dataDir(), config.kafkaPort(),
                config.kafkaTopicRetention().brokerDefaults()).withSaslScram().start();
        LOG.info("the embedded Kafka broker takes SASL/SCRAM clients only; other services' kafka.clientConfig: {}",
                embeddedKafka.clientConfigFile());
        return new KafkaConnection(embeddedKafka.bootstrapServers(), embeddedKafka.clientProperties());
    }

    /** Watches {@code data.dir} (the embedded broker's log) and the snapshot store, when it is elsewhere. */
    static DiskGuard diskGuard(GatewayConfig config, MeterRegistry meters) {
        Map<String, FreeSpace> watched = new LinkedHashMap<>();
        watched.put("data.dir", FreeSpace.of(config.dataDir()));
        if (!config.snapshotDir().toAbsolutePath().normalize().startsWith(config.dataDir().toAbsolutePath().normalize())) {
            watched.put("snapshot.dir", FreeSpace.of(config.snapshotDir()));
        }
        return new DiskGuard(config.diskWatermark(), watched, meters);
    }

    /**
     * The network side over {@code registry} and {@code ingest}, not yet started: authentication, the flapping and
     * accept guards, sessions and metrics, built from the settings.
     *
     * @param ingestHealthy whether the downstream log is available; {@code /health} answers 503 when it is not
     * @param receiveClock  the time stamped on every message as its receive time (Unix ms)
     * @param disk          the free-space watch of the data directories
     * @param diagnostics   where the diagnostic stream goes
     */
    static GatewayServer server(GatewayConfig config, Supplier<Registry> registry, Ingest ingest,
                                PrometheusMeterRegistry prometheus, BooleanSupplier ingestHealthy,
                                LongSupplier receiveClock, DiskGuard disk, DiagnosticsSink diagnostics) {
        GatewayMetrics metrics = new GatewayMetrics(prometheus);
        SessionRegistry sessions = new SessionRegistry(config.commandsDeliveryTimeout());
        TokenSecrets tokens = TokenSecrets.fromFile(config.authTokenSecretsFile());
        if (!tokens.configured()) {
            LOG.info("token auth is not configured (auth.tokenSecretsFile empty): devices must send their secret");
        }
        Authenticator authenticator = new Authenticator(registry, tokens, config.tokenLimits(), System::currentTimeMillis);
        FlappingGuard flapping = new FlappingGuard(config.limitsFlappingMaxConnects(), config.limitsFlappingBan(), System::nanoTime);
        MqttServices services = new MqttServices(config.mqttLimits(), authenticator, ingest, sessions, metrics, flapping,
                receiveClock, System::nanoTime, new ReasonStrings(config.mqttReasonStrings()),
                new Diagnostics(config.nodeId(), receiveClock, config.diagnosticsRatePerSecond(), config.diagnosticsBurst(),
                        System::nanoTime, diagnostics, prometheus));
        SourceLimits sources = new SourceLimits(config.limitsSourceConnectRatePerSecond(),
                config.limitsSourceConnectRateBurst(), config.limitsSourceMaxPreAuth(), config.limitsSourceExempt(),
                System::nanoTime);
        AcceptGuard acceptGuard = new AcceptGuard(config.limitsMaxConnections(),
                new TokenBucket(config.limitsConnectRatePerSecond(), config.limitsConnectRateBurst(), System::nanoTime),
                sources, refusal -> metrics.connectAttempt(switch (refusal) {
                    case MAX_CONNECTIONS -> ConnectOutcome.REFUSED_MAX_CONNECTIONS;
                    case CONNECT_RATE -> ConnectOutcome.REFUSED_RATE;
                    case SOURCE_CONNECT_RATE -> ConnectOutcome.REFUSED_SOURCE_RATE;
                    case SOURCE_PRE_AUTH -> ConnectOutcome.REFUSED_SOURCE_PRE_AUTH;
                }));
        return new GatewayServer(config, services, acceptGuard, new RegisteredDelivery(registry, sessions), prometheus,
                ingestHealthy, disk);
    }

    public GatewayServer server() {
        return server;
    }

    public KafkaIngest ingest() {
        return ingest;
    }

    /** The Kafka cluster in use with its client security settings (the embedded broker's when none is configured). */
    public KafkaConnection kafka() {
        return ingest.settings().kafka();
    }

    /**
     * The client properties file of the embedded broker, for the services that share it ({@code kafka.clientConfig}),
     * or the configured one's; empty when this node's clients need no security settings.
     */
    public Optional<Path> kafkaClientConfig() {
        if (embeddedKafka != null) {
            return Optional.of(embeddedKafka.clientConfigFile());
        }
        String configured = config.kafkaClientConfig();
        return configured.isBlank() ? Optional.empty() : Optional.of(Path.of(configured));
    }

    public PrometheusMeterRegistry meters() {
        return prometheus;
    }

    /** Graceful stop: relay, then the server (which drains ingest before closing sessions), then Kafka, then the disk watch. */
    @Override
    public void close() {
        closeQuietly("command relay", relay);
        closeQuietly("mqtt server", server);
        closeQuietly("kafka ingest", ingest);
        closeQuietly("diagnostics", diagnostics);
        closeQuietly("snapshot sweeper", sweeper);
        closeQuietly("kafka probe", kafkaProbe);
        closeQuietly("registry follower", registry);
        closeQuietly("node id lease", lease);
        closeQuietly("embedded kafka", embeddedKafka);
        closeQuietly("disk guard", disk);
        gcMetrics.close();
    }

    private static void closeQuietly(String what, AutoCloseable part) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception e) {
            LOG.warn("stopping {} failed: {}", what, e.toString());
        }
    }
}
