package io.anju.bench.jobs.run;

import io.anju.common.registry.RegistryDocument;
import io.anju.common.registry.RegistryWriter;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.TopicAdmin;
import io.anju.common.topic.Topics;
import io.anju.jobs.config.JobsSettings;
import io.anju.jobs.topology.DeviceStreams;
import io.anju.kafka.EmbeddedKafka;
import io.anju.registry.generate.GeneratorOptions;
import io.anju.registry.generate.RegistryGenerator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What one benchmark run stands on: an embedded broker on a free port with the job's topics (6 partitions each, as
 * the gateway creates them), and a registry with the Lianhu devices plus {@code loadChargers} load chargers dealt
 * over every charger compound, all under a work directory that is deleted at the end.
 */
final class BenchRig implements AutoCloseable {
    static final int PARTITIONS = 6;

    private final Path dir;
    private final EmbeddedKafka kafka;
    private final Path registryFile;
    private final RegistryDocument registry;

    private BenchRig(Path dir, EmbeddedKafka kafka, Path registryFile, RegistryDocument registry) {
        this.dir = dir;
        this.kafka = kafka;
        this.registryFile = registryFile;
        this.registry = registry;
    }

    static BenchRig start(Path workDir, int loadChargers, long seed) throws IOException {
        Path dir = Files.createDirectories(workDir.resolve("run-" + System.currentTimeMillis()));
        RegistryDocument registry = RegistryGenerator.generate(new GeneratorOptions(seed, true, loadChargers))
                .document();
        Path registryFile = dir.resolve("registry.json");
        RegistryWriter.write(registryFile, registry);
        EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
        try {
            List<String> topics = new ArrayList<>(DeviceStreams.inputTopics());
            topics.add(Topics.ALERTS);
            TopicAdmin.ensure(KafkaConnection.plain(kafka.bootstrapServers()), "bench.bootstrap", topics, PARTITIONS, (short) 1);
            return new BenchRig(dir, kafka, registryFile, registry);
        } catch (RuntimeException e) {
            kafka.stop();
            throw e;
        }
    }

    RegistryDocument registry() {
        return registry;
    }

    int inputPartitions() {
        return DeviceStreams.inputTopics().size() * PARTITIONS;
    }

    String bootstrap() {
        return kafka.bootstrapServers();
    }

    /** The job's defaults on this broker and registry, with the knobs a run may change (null: the job's default). */
    JobsSettings settings(int parallelism, Duration checkpointInterval, Duration bufferTimeout) {
        Map<String, String> knobs = new HashMap<>(Map.of("parallelism", Integer.toString(parallelism)));
        if (checkpointInterval != null) {
            knobs.put("checkpoint.interval", checkpointInterval.toMillis() + "ms");
        }
        if (bufferTimeout != null) {
            knobs.put("flink.bufferTimeout", bufferTimeout.toMillis() + "ms");
        }
        return JobsSettings.defaults(registryFile, dir.resolve("jobs"), knobs).withBootstrap(kafka.bootstrapServers());
    }

    /**
     * A producer configured as the gateway's (gateway ProducerSettings: acks=all, idempotent, 5 in flight, lz4,
     * 64 MiB buffer) with the given linger, batch size and compression.
     */
    KafkaProducer<byte[], byte[]> producer(int lingerMs, int batchBytes, String compression) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, batchBytes);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L << 20);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(p);
    }

    @Override
    public void close() throws IOException {
        kafka.stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
