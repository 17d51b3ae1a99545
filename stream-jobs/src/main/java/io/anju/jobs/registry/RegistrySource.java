package io.anju.jobs.registry;

import io.anju.common.topic.KafkaConnection;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where an operator instance gets its registry (serialisable, so it travels with the job graph): the registry file,
 * watched every {@code poll}, until the registry service publishes a revision on {@code anju.registry} of
 * {@code kafka}; from then on every published revision.
 *
 * @param kafka the cluster of {@code anju.registry}; null: the file only
 */
public record RegistrySource(String file, Duration poll, KafkaConnection kafka) implements Serializable {
    public static RegistrySource of(Path file, Duration poll, KafkaConnection kafka) {
        return new RegistrySource(file.toString(), poll, kafka);
    }

    /** Loads the registry now (reading the published revisions first) and follows it until closed. */
    public RegistryHolder open() throws IOException, InterruptedException {
        return RegistryHolder.open(Path.of(file), poll, kafka);
    }
}
