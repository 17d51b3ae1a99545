package io.anju.jobs.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.json.Json;
import io.anju.common.model.Channel;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.Envelope;
import io.anju.common.registry.RegistryWriter;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.TopicAdmin;
import io.anju.common.topic.Topics;
import io.anju.jobs.run.JobsRunner;
import io.anju.kafka.EmbeddedKafka;
import io.anju.registry.generate.GeneratedRegistry;
import io.anju.registry.generate.GeneratorOptions;
import io.anju.registry.generate.RegistryGenerator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The job jar on a real standalone Flink cluster ({@code scripts/flink-cluster.sh}: a JobManager and two TaskManagers,
 * each a JVM of its own), submitted with Flink's CLI, and a TaskManager lost to SIGKILL mid-stream. Six charging
 * ports overload (red at once) and their alerts are written; after a checkpoint six more overload while one
 * TaskManager is killed, then the first six fall back within their limit. The job must run again on the survivor,
 * restored from its checkpoint, and {@code anju.alerts} must hold every revision expected: revision 1 (raised) of
 * all twelve and revision 2 (cleared) of the first six, and for every alert its revisions 1..n without a gap. The
 * job writes at least once, so a revision may be there twice.
 */
class FlinkClusterFailoverIT {
    private static final Logger LOG = LoggerFactory.getLogger(FlinkClusterFailoverIT.class);
    private static final int WAVE = 6;
    /** Each step takes seconds on a quiet machine; the bound is for a machine shared with a busy build. */
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @Test
    void aTaskManagerKilledMidStream_theJobRestartsFromItsCheckpointOnTheSurvivor_andNoAlertRevisionIsLost(
            @TempDir Path dir) throws Exception {
        GeneratedRegistry generated = RegistryGenerator.generate(new GeneratorOptions(2020, true, 0));
        Path registry = dir.resolve("registry.json");
        RegistryWriter.write(registry, generated.document());
        List<Device> chargers = generated.document().devices().stream()
                .filter(d -> d.type() == DeviceType.CHARGER).limit(2 * WAVE).toList();
        List<Device> first = chargers.subList(0, WAVE);
        List<Device> second = chargers.subList(WAVE, 2 * WAVE);
        long t0 = System.currentTimeMillis() - 120_000;

        try (EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
             KafkaProducer<String, byte[]> producer = producer(kafka.bootstrapServers());
             ScriptedFlinkCluster cluster = ScriptedFlinkCluster.up(clusterDir())) {
            // The gateway creates the topics in a deployment; the job on a cluster does not (JobsRunner does locally).
            TopicAdmin.ensure(KafkaConnection.plain(kafka.bootstrapServers()), "test", JobsRunner.topics(), 6,
                    (short) 1);
            String job = cluster.submit("--job", "alerts", "--bootstrap", kafka.bootstrapServers(),
                    "--registry", registry.toString(), "--checkpoint-interval-ms", "1000");
            await("the job running on both TaskManagers").atMost(PATIENCE).ignoreExceptions()
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> cluster.runningOn(job), tms -> tms.equals(Set.of("taskmanager-1", "taskmanager-2")));
            LOG.info("job {} running on taskmanager-1 and taskmanager-2", job);

            try (AlertsReader alerts = new AlertsReader(KafkaConnection.plain(kafka.bootstrapServers()))) {
                for (Device d : first) {
                    send(producer, d, t0, 1.3);
                }
                await("the first wave raised").atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                        .until(() -> found(alerts).keySet().containsAll(expected(first, 1)));
                LOG.info("first wave raised");
                long checkpoints = cluster.completedCheckpoints(job);
                await("a checkpoint after the raises").atMost(PATIENCE)
                        .until(() -> cluster.completedCheckpoints(job) > checkpoints);

                // Mid-stream: the second wave overloads while taskmanager-2 dies; then the first wave clears.
                for (int i = 0; i < WAVE; i++) {
                    send(producer, second.get(i), t0 + 30_000, 1.3);
                    if (i == 2) {
                        cluster.kill("taskmanager-2");
                    }
                }
                for (Device d : first) {
                    send(producer, d, t0 + 60_000, 0.5);
                }
                await("the job running again on the survivor").atMost(PATIENCE)
                        .ignoreExceptions().pollInterval(Duration.ofMillis(500))
                        .until(() -> cluster.runningOn(job), tms -> tms.equals(Set.of("taskmanager-1")));
                JsonNode restored = cluster.restoredFrom(job);
                LOG.info("job {} running again on taskmanager-1, restored from checkpoint {}", job, restored);
                assertThat(restored.path("id").isNumber()).as("restored from a checkpoint: " + restored).isTrue();

                Set<String> expected = new TreeSet<>(expected(first, 1));
                expected.addAll(expected(first, 2));
                expected.addAll(expected(second, 1));
                await("every revision expected on " + Topics.ALERTS).atMost(PATIENCE)
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> found(alerts).keySet().containsAll(expected));

                Map<String, Alert> found = found(alerts);
                long records = alerts.all().stream().filter(a -> a.type() == AlertType.PORT_OVERLOAD).count();
                LOG.info("port overload revisions: {} expected, {} found in {} records ({} repeats)",
                        expected.size(), found.size(), records, records - found.size());
                assertThat(found.keySet()).as("every revision expected").containsAll(expected);
                assertThat(found.values()).as("revision 1 raised red, revision 2 cleared")
                        .allMatch(a -> a.revision() == 1 ? a.status() == AlertStatus.RAISED && a.severity() == Severity.RED
                                : a.status() == AlertStatus.CLEARED);
                Map<String, Set<Integer>> revisions = alerts.all().stream().collect(Collectors.groupingBy(Alert::id,
                        Collectors.mapping(Alert::revision, Collectors.toSet())));
                assertThat(revisions).as("every alert: its revisions 1..n, none missing")
                        .allSatisfy((id, revs) -> assertThat(revs).containsExactlyInAnyOrderElementsOf(
                                range(revs.stream().mapToInt(Integer::intValue).max().orElse(0))));
            }
        }
    }

    /** The cluster's files (logs among them) under target/, where they outlive a failed run; emptied first. */
    private static Path clusterDir() throws IOException {
        Path dir = Path.of("target", "flink-cluster-it").toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        return dir;
    }

    /** The keys {@code device:port:revision} of the port overload revisions on the topic, each with its first copy. */
    private static Map<String, Alert> found(AlertsReader alerts) {
        Map<String, Alert> found = new HashMap<>();
        alerts.all().stream().filter(a -> a.type() == AlertType.PORT_OVERLOAD)
                .forEach(a -> found.putIfAbsent(a.deviceId() + ":" + a.port() + ":" + a.revision(), a));
        return found;
    }

    private static Set<String> expected(List<Device> devices, int revision) {
        return devices.stream().map(d -> d.id() + ":1:" + revision).collect(Collectors.toSet());
    }

    private static Set<Integer> range(int n) {
        Set<Integer> s = new HashSet<>();
        for (int i = 1; i <= n; i++) {
            s.add(i);
        }
        return s;
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /** One telemetry reading of a charger as the gateway writes it: port 1 draws {@code load} × its limit. */
    private static void send(KafkaProducer<String, byte[]> producer, Device d, long ts, double load) throws Exception {
        double powerW = d.charger().portLimitW() * load;
        ObjectNode p = Json.mapper().createObjectNode();
        p.put("ts", ts).put("seq", 1).put("mainsV", 228.0).put("ambientC", 22.0).put("smoke", false)
                .put("leakageMa", 2.0);
        p.putArray("ports").addObject().put("no", 1).put("state", "charging").put("voltageV", 48.0)
                .put("currentA", powerW / 48.0).put("powerW", powerW).put("energyWh", 100).put("tempC", 35.0);
        Envelope e = new Envelope(d.id(), d.type(), Channel.TELEMETRY, ts, ts / 1000, ts + 40, "gw-test", false,
                d.location(), p);
        producer.send(new ProducerRecord<>(Topics.telemetry(d.type()), d.id(), Json.toBytes(e))).get();
    }
}
