package io.anju.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker (KRaft, combined broker + controller) running inside this JVM.
 *
 * <p>The log lives under {@code dataDir/kafka}; it is formatted once with a fresh cluster id and reused on every
 * later start, so a restarted broker (in this process or the next) continues from the same data. The client
 * listener binds {@code 127.0.0.1:port}; with port 0 a free port is chosen at the first start and kept for
 * restarts of this instance, so clients reconnect to the same address.
 *
 * <p>By default the client listener is PLAINTEXT. {@link #withSaslScram()} makes it SASL_PLAINTEXT with SCRAM-SHA-256
 * only, for one generated user whose client settings are in {@link #clientConfigFile()}: what a secured external
 * cluster asks of the services, on one machine. {@link #withMutualTls} makes it SSL with client certificates
 * required instead. With SASL the KRaft controller listener (loopback) takes the same user with SASL/PLAIN, since
 * Kafka does not take SCRAM there; otherwise it is PLAINTEXT on loopback.
 *
 * <p>{@link #asMember} makes it one combined broker + controller node of a multi-node cluster instead (PLAINTEXT).
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final Map<String, String> overrides;
    private int port;
    private int controllerPort;
    private KafkaRaftServer server;
    private boolean sasl;
    private SaslScram scram;
    private MutualTls tls;
    /** This node's place in the quorum; by default the only node, with a controller port picked at the first start. */
    private QuorumMember member;

    /**
     * @param dataDir   where the broker keeps its log (created if missing)
     * @param port      client port on 127.0.0.1; 0 picks a free one (see {@link #port()} after {@link #start()})
     * @param overrides extra broker settings, applied over the single-machine defaults
     */
    public EmbeddedKafka(Path dataDir, int port, Map<String, String> overrides) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("kafka port must be 0..65535, was " + port);
        }
        this.dataDir = dataDir.toAbsolutePath();
        this.port = port;
        this.overrides = Map.copyOf(overrides);
    }

    public EmbeddedKafka(Path dataDir, int port) {
        this(dataDir, port, Map.of());
    }

    /**
     * Takes only SASL_PLAINTEXT clients that authenticate with SCRAM-SHA-256 as the generated user (see
     * {@link #clientConfigFile()}). Call before the first {@link #start()}: the credential is written when the log is
     * formatted; a data directory first started without SASL is given the user at its first SASL start.
     */
    public synchronized EmbeddedKafka withSaslScram() {
        if (server != null || tls != null || clustered()) {
            throw new IllegalStateException("SASL must be chosen before the broker starts, instead of mutual TLS, and "
                    + "not for a cluster member");
        }
        sasl = true;
        return this;
    }

    /**
     * Takes only TLS clients that present a certificate issued by one of {@code tls}'s trusted CAs (mutual TLS), as a
     * cluster that authenticates its clients by certificate does.
     */
    public synchronized EmbeddedKafka withMutualTls(MutualTls tls) {
        if (server != null || sasl || clustered()) {
            throw new IllegalStateException("mutual TLS must be chosen before the broker starts, instead of SASL, and "
                    + "not for a cluster member");
        }
        this.tls = tls;
        return this;
    }

    /**
     * Makes this broker one node of the multi-node cluster {@code member} describes, PLAINTEXT, with the client port of
     * the constructor: internal topics get three replicas (two in sync) when there are three or more nodes. Call before
     * the first {@link #start()}; a new log is formatted with the member's cluster id.
     */
    public synchronized EmbeddedKafka asMember(QuorumMember member) {
        if (server != null || sasl || tls != null) {
            throw new IllegalStateException("a cluster member is chosen before the broker starts, and is PLAINTEXT");
        }
        this.member = member;
        this.controllerPort = member.controllerPort();
        return this;
    }

    private boolean clustered() {
        return member != null && member.voterCount() > 1;
    }

    /**
     * A Kafka client properties file (owner-readable only) with the settings a client needs besides
     * {@code bootstrap.servers}: a service's {@code kafka.clientConfig}. Only with {@link #withSaslScram()}.
     */
    public synchronized Path clientConfigFile() {
        requireSasl();
        return scram.clientConfigFile();
    }

    /** The settings of {@link #clientConfigFile()}, for clients built in code. Only with {@link #withSaslScram()}. */
    public synchronized Map<String, String> clientProperties() {
        requireSasl();
        return scram.clientProperties();
    }

    /** The file (owner-readable only) holding the generated user's password. Only with {@link #withSaslScram()}. */
    public synchronized Path passwordFile() {
        requireSasl();
        return scram.passwordFile();
    }

    private void requireSasl() {
        if (!sasl) {
            throw new IllegalStateException("this broker takes PLAINTEXT clients: there are no credentials");
        }
        if (scram == null) {
            scram = SaslScram.under(dataDir);
        }
    }

    /** Formats the log directory if it is new, starts the broker and waits until it serves clients. */
    public synchronized EmbeddedKafka start() {
        if (server != null) {
            return this;
        }
        if (port == 0) {
            port = FreePort.pick();
        }
        if (member == null) {
            controllerPort = FreePort.pick();
            member = QuorumMember.single(controllerPort);
        }
        if (sasl) {
            if (Files.exists(logDir().resolve("meta.properties")) && !SaslScram.exists(dataDir)) {
                scram = addScramUser();
            }
            requireSasl();
        }
        KafkaConfig config = new KafkaConfig(brokerProperties(clientProtocol(), port), false);
        String clusterId = StorageFormat.ensureFormatted(member.nodeId(), member.clusterId(), logDir(),
                sasl ? scram.formatArguments() : List.of());
        KafkaRaftServer started = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            started.startup();
        } catch (RuntimeException e) {
            shutdownQuietly(started);
            throw e;
        }
        server = started;
        awaitReady();
        LOG.info("Embedded Kafka (cluster {}) serving {} with data in {}", clusterId, bootstrapServers(), logDir());
        return this;
    }

    /**
     * Gives a log that was formatted without SASL (by an earlier release, whose broker took PLAINTEXT clients) its
     * SCRAM user: the broker is started once with a PLAINTEXT listener on a loopback port no client knows, the user is
     * added through the Admin API (as {@code kafka-configs.sh --alter --add-config SCRAM-SHA-256=...} would), and
     * only then is the password kept, so a start interrupted half-way simply does it again.
     */
    private SaslScram addScramUser() {
        LOG.warn("the Kafka log under {} takes PLAINTEXT clients: adding the SCRAM user '{}' so that from now on it "
                + "takes SASL clients only (settings in {})", logDir(), SaslScram.USER, dataDir.resolve("kafka-sasl"));
        SaslScram fresh = SaslScram.generate(dataDir);
        int privatePort = FreePort.pick();
        KafkaRaftServer plain = new KafkaRaftServer(new KafkaConfig(brokerProperties("PLAINTEXT", privatePort), false),
                Time.SYSTEM);
        try {
            plain.startup();
            Map<String, Object> admin = new HashMap<>();
            admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, HOST + ":" + privatePort);
            admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
            try (Admin client = Admin.create(admin)) {
                client.alterUserScramCredentials(List.of(fresh.upsertion())).all()
                        .get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while adding the SCRAM user to " + logDir(), e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot add the SCRAM user to the Kafka log under " + logDir(), e);
        } finally {
            shutdownQuietly(plain);
        }
        return fresh.save();
    }

    /** Stops the broker; {@link #start()} brings it back on the same data and port. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        shutdownQuietly(server);
        server = null;
        LOG.info("Embedded Kafka on {} stopped", bootstrapServers());
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The client port; known once the broker was started (or when a fixed port was given). */
    public synchronized int port() {
        return port;
    }

    /** The controller listener's port (KRaft), known once the broker was started. */
    synchronized int controllerPort() {
        return controllerPort;
    }

    public synchronized String bootstrapServers() {
        return HOST + ":" + port;
    }

    public Path logDir() {
        return dataDir.resolve("kafka");
    }

    /** Creates each topic that does not exist yet (replication factor 1); existing topics are left as they are. */
    public void createTopics(Map<String, Integer> partitions) {
        try (Admin admin = Admin.create(adminProperties())) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = partitions.entrySet().stream()
                    .filter(e -> !existing.contains(e.getKey()))
                    .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1))
                    .toList();
            for (var result : admin.createTopics(missing).values().values()) {
                try {
                    result.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topics " + partitions.keySet() + " on " + bootstrapServers(), e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private String clientProtocol() {
        return sasl ? SaslScram.LISTENER : tls != null ? MutualTls.LISTENER : "PLAINTEXT";
    }

    /** The broker's settings with its client listener speaking {@code clients} on {@code clientPort}. */
    private Map<String, String> brokerProperties(String clients, int clientPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(member.nodeId()));
        p.put("listeners", clients + "://" + HOST + ":" + clientPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", clients + "://" + HOST + ":" + clientPort);
        boolean saslClients = clients.equals(SaslScram.LISTENER);
        p.put("listener.security.protocol.map", clients + ":" + clients + ",CONTROLLER:"
                + (saslClients ? SaslScram.LISTENER : "PLAINTEXT"));
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", clients);
        if (saslClients) {
            p.putAll(scram.brokerProperties("CONTROLLER"));
        }
        if (clients.equals(MutualTls.LISTENER)) {
            p.putAll(tls.brokerProperties());
        }
        p.put("controller.quorum.voters", member.voters());
        p.put("log.dirs", logDir().toString());
        // Internal topics: one replica on a single node (it alone must satisfy them); three, two in sync, on a cluster
        // of three or more, so that losing one node loses no consumer offsets and stops no group.
        String replicas = String.valueOf(member.internalReplicas());
        String inSync = String.valueOf(member.internalMinInSync());
        p.put("offsets.topic.replication.factor", replicas);
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", replicas);
        p.put("transaction.state.log.min.isr", inSync);
        p.put("share.coordinator.state.topic.replication.factor", replicas);
        p.put("share.coordinator.state.topic.min.isr", inSync);
        p.put("default.replication.factor", replicas);
        // The broker-wide default stays 1: topics the platform creates carry their own (io.anju.common.topic.Replication).
        p.put("min.insync.replicas", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        p.putAll(overrides);
        return p;
    }

    /**
     * A producer of raw keys and values to this broker, with its client security settings: how tests and tools write
     * the records a service under test reads. The caller closes it.
     */
    public KafkaProducer<byte[], byte[]> producer() {
        Properties p = clientSecurity();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(p);
    }

    /** The security settings a client of this broker needs (none for PLAINTEXT). */
    private Properties clientSecurity() {
        Properties p = new Properties();
        if (sasl) {
            p.putAll(scram.clientProperties());
        }
        if (tls != null) {
            p.putAll(tls.clientProperties());
        }
        return p;
    }

    private Properties adminProperties() {
        Properties p = clientSecurity();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return p;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Map<String, Object> props = new HashMap<>();
        adminProperties().forEach((k, v) -> props.put((String) k, v));
        try (Admin admin = Admin.create(props)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("embedded Kafka did not become ready on " + bootstrapServers(), e);
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for embedded Kafka", e);
        }
    }

    private static void shutdownQuietly(KafkaRaftServer s) {
        try {
            s.shutdown();
            s.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Embedded Kafka did not shut down cleanly", e);
        }
    }

    static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
