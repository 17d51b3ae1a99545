package io.anju.cases.devices;

import io.anju.common.registry.RegistryDocument;
import io.anju.common.registry.live.PublishedRegistry;

import java.time.Instant;

/** One revision of the registry as the store keeps it: the whole document and the change that made it. */
public record RegistryRevision(long revision, Instant changedAt, String changedBy, String change,
                               RegistryDocument document) {

    public PublishedRegistry published(long publishedAt) {
        return new PublishedRegistry(revision, publishedAt, changedBy, change, document);
    }
}
