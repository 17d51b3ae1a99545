package io.anju.bench.registry;

import io.anju.common.model.Device;
import io.anju.common.registry.RegistryDocument;
import io.anju.common.registry.RegistryWriter;
import io.anju.common.registry.live.PublishedRegistry;
import io.anju.common.registry.live.RegistryPublisher;
import io.anju.gateway.GatewayNode;
import io.anju.gateway.config.GatewayConfig;
import io.anju.registry.generate.GeneratedRegistry;
import io.anju.registry.generate.GeneratorOptions;
import io.anju.registry.generate.RegistryGenerator;
import org.HdrHistogram.Histogram;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./anju bench registry}: how fast a registry change is enforced by every gateway node. Two gateway nodes share
 * one broker (the first node's embedded one); devices connect over MQTT 3.1.1, alternately to each node. Each change
 * is a revision on {@code anju.registry} that disables one connected device; timed from the publish until every node
 * uses the revision, and until the device's connection is closed by its node (goal: p99 ≤ 2 s).
 */
@Command(name = "bench registry", mixinStandardHelpOptions = true,
        description = "Registry change → enforced by every gateway node (two nodes, one broker).")
public final class RegistryBench implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    private static final Logger LOG = LoggerFactory.getLogger(RegistryBench.class);

    @Option(names = "--devices", description = "Devices connected, half to each node (default 200).")
    private int devices = 200;
    @Option(names = "--changes", description = "Revisions published, each disabling one connected device (default 50).")
    private int changes = 50;
    @Option(names = "--pause-ms", description = "Pause between changes (default 200 ms).")
    private long pauseMs = 200;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RegistryBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (devices < 2 || changes < 1 || changes > devices) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--devices must be >= 2 and --changes between 1 and --devices");
        }
        Path dir = Files.createTempDirectory("anju-bench-registry-");
        GeneratedRegistry generated = RegistryGenerator.generate(new GeneratorOptions(2020, true, devices));
        Path registryFile = dir.resolve("registry.json");
        RegistryWriter.write(registryFile, generated.document());
        Map<String, String> secrets = new HashMap<>();
        generated.credentials().forEach(e -> secrets.put(e.deviceId(), e.secret()));
        List<String> ids = generated.document().devices().stream().map(Device::id)
                .filter(id -> id.startsWith("load-")).limit(devices).toList();

        try (GatewayNode first = node(dir, "gw-bench-1", registryFile, Map.of()).start();
             GatewayNode second = node(dir, "gw-bench-2", registryFile, Map.of(
                     "kafka.bootstrap", first.kafka().bootstrapServers(),
                     "kafka.clientConfig", first.kafkaClientConfig().orElseThrow().toString())).start();
             RegistryPublisher publisher = new RegistryPublisher(first.kafka(), "bench-registry")) {
            List<GatewayNode> nodes = List.of(first, second);
            Map<String, Long> lostAt = new ConcurrentHashMap<>();
            List<MqttAsyncClient> clients = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                GatewayNode node = nodes.get(i % 2);
                clients.add(connect("tcp://127.0.0.1:" + node.server().mqttPort(), ids.get(i),
                        secrets.get(ids.get(i)), lostAt));
                if ((i + 1) % 100 == 0) {
                    LOG.info("{} of {} devices connected", i + 1, ids.size());
                }
            }
            Histogram everyNode = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
            Histogram disconnected = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
            RegistryDocument doc = generated.document();
            for (int k = 1; k <= changes; k++) {
                String id = ids.get(k - 1);
                doc = withDevices(doc, doc.devices().stream().map(d -> d.id().equals(id) ? d.withEnabled(false) : d)
                        .toList());
                long published = System.nanoTime();
                publisher.publish(new PublishedRegistry(k, System.currentTimeMillis(), "bench", "disable " + id, doc));
                long deadline = published + TimeUnit.SECONDS.toNanos(30);
                final long revision = k;
                while (nodes.stream().anyMatch(n -> revision(n) < revision) && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                everyNode.recordValue(System.nanoTime() - published);
                while (!lostAt.containsKey(id) && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                Long lost = lostAt.get(id);
                if (lost == null) {
                    LOG.error("device {} was not disconnected within 30 s of revision {}", id, k);
                } else {
                    disconnected.recordValue(Math.max(0, lost - published));
                }
                if (k % 10 == 0) {
                    LOG.info("{} of {} changes: every node p99 {} ms, disconnect p99 {} ms", k, changes,
                            ms(everyNode.getValueAtPercentile(99)), ms(disconnected.getValueAtPercentile(99)));
                }
                Thread.sleep(pauseMs);
            }
            out().printf("%nregistry change → enforced, %d devices on 2 gateway nodes, %d changes%n", ids.size(),
                    changes);
            out().println("| measure | n | p50 ms | p99 ms | max ms |\n| --- | --- | --- | --- | --- |");
            row("revision published → in use on every node", everyNode);
            row("revision published → the disabled device's connection closed", disconnected);
            out().printf("devices not disconnected within 30 s: %d%n", changes - disconnected.getTotalCount());
            out().flush();
            // The figures first: closing hundreds of clients takes a while.
            for (MqttAsyncClient c : clients) {
                try {
                    if (c.isConnected()) {
                        c.disconnectForcibly(0, 0, false);
                    }
                    c.close(true);
                } catch (Exception e) {
                    LOG.debug("closing {}: {}", c.getClientId(), e.toString());
                }
            }
            return disconnected.getTotalCount() == changes ? 0 : 1;
        }
    }

    private static GatewayNode node(Path dir, String id, Path registryFile, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of("node.id", id, "mqtt.host", "127.0.0.1",
                "http.host", "127.0.0.1", "mqtt.port", "0", "http.port", "0", "kafka.port", "0",
                "data.dir", dir.resolve(id).toString(), "registry.file", registryFile.toString()));
        settings.putAll(extra);
        return new GatewayNode(GatewayConfig.of(settings));
    }

    private static long revision(GatewayNode node) {
        return (long) node.meters().find("anju.gateway.registry.revision").gauge().value();
    }

    private static MqttAsyncClient connect(String uri, String id, String secret, Map<String, Long> lostAt)
            throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(uri, id, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                lostAt.put(id, System.nanoTime());
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(true);
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(120);
        o.setUserName(id);
        o.setPassword(secret.toCharArray());
        client.connect(o).waitForCompletion(30_000);
        return client;
    }

    private static RegistryDocument withDevices(RegistryDocument doc, List<Device> devices) {
        return new RegistryDocument(doc.version(), doc.seed(), doc.note(), doc.subDistricts(), doc.communities(),
                doc.grids(), doc.compounds(), doc.zones(), devices);
    }

    private void row(String measure, Histogram h) {
        out().printf("| %s | %d | %.0f | %.0f | %.0f |%n", measure, h.getTotalCount(),
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** The report goes to the command's own output (the bench's result, not a log line). */
    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
