package io.anju.jobs.bench;

import io.anju.common.registry.RegistryDocument;
import io.anju.common.registry.RegistryWriter;
import io.anju.common.registry.generate.GeneratorOptions;
import io.anju.common.registry.generate.RegistryGenerator;
import io.anju.common.topic.TopicAdmin;
import io.anju.common.topic.Topics;
import io.anju.jobs.JobsSettings;
import io.anju.jobs.topology.DeviceStreams;
import io.anju.kafka.EmbeddedKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What one benchmark phase runs on: an embedded broker on a free port with the job's topics, and a registry with the
 * Lianhu devices plus {@code loadChargers} load chargers, all under a work directory that is deleted at the end.
 */
final class BenchRig implements AutoCloseable {
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
        Path dir = Files.createDirectories(workDir).resolve("run-" + System.currentTimeMillis());
        RegistryDocument registry = RegistryGenerator.generate(new GeneratorOptions(seed, true, loadChargers))
                .document();
        Path registryFile = dir.resolve("registry.json");
        Files.createDirectories(dir);
        RegistryWriter.write(registryFile, registry);
        EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
        List<String> topics = new ArrayList<>(DeviceStreams.inputTopics());
        topics.add(Topics.ALERTS);
        topics.add(Topics.COMMANDS);
        TopicAdmin.ensure(kafka.bootstrapServers(), "bench.bootstrap", topics, 6, (short) 1);
        return new BenchRig(dir, kafka, registryFile, registry);
    }

    RegistryDocument registry() {
        return registry;
    }

    String bootstrap() {
        return kafka.bootstrapServers();
    }

    /** The job's defaults, but on this broker and registry, with the knobs the benchmark varies. */
    JobsSettings settings(int parallelism, Duration checkpointInterval, Duration bufferTimeout) {
        JobsSettings d = JobsSettings.defaults(registryFile, dir.resolve("jobs"));
        return new JobsSettings(kafka.bootstrapServers(), d.registry(), null, d.influxDatabase(), d.dataDir(),
                parallelism, checkpointInterval, d.stateBackend(), d.outOfOrderness(), d.clockTolerance(), d.quietAfter(),
                d.registryPoll(), bufferTimeout, d.groupPrefix(), d.autoStop(), d.commandTtl(), d.detectors());
    }

    /** A producer configured as the gateway's (acks=all, idempotent, lz4) with the given linger. */
    KafkaProducer<String, byte[]> producer(int lingerMs, int batchBytes) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.LINGER_MS_CONFIG, lingerMs,
                ProducerConfig.BATCH_SIZE_CONFIG, batchBytes,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 128L << 20,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    @Override
    public void close() throws IOException {
        kafka.stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
