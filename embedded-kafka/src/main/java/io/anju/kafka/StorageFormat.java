package io.anju.kafka;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/** What {@code kafka-storage.sh format} does, once per data directory: the cluster id then stays in meta.properties. */
final class StorageFormat {
    private static final String META_PROPERTIES = "meta.properties";

    private StorageFormat() {
    }

    /**
     * Formats {@code logDir} with {@code clusterId} (null: a new one; every node of a cluster shares one) (and the SCRAM credentials of {@code scramArguments}, as
     * {@code --add-scram} takes them) unless it already is formatted; returns the cluster id in use.
     */
    static String ensureFormatted(int nodeId, String clusterId, Path logDir, List<String> scramArguments) {
        Path meta = logDir.resolve(META_PROPERTIES);
        if (Files.exists(meta)) {
            return readClusterId(meta);
        }
        EmbeddedKafka.createDirectories(logDir);
        String id = clusterId != null ? clusterId : Uuid.randomUuid().toString();
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8))
                    .setNodeId(nodeId)
                    .setClusterId(id)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(logDir.toString())
                    .addDirectory(logDir.toString())
                    .setScramArguments(scramArguments)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka log directory " + logDir, e);
        }
        return id;
    }

    private static String readClusterId(Path meta) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + meta, e);
        }
        return p.getProperty("cluster.id");
    }
}
