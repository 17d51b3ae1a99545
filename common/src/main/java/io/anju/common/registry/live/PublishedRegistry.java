package io.anju.common.registry.live;

import io.anju.common.registry.RegistryDocument;

/**
 * One revision of the registry as the registry service publishes it on {@link RegistryTopic}: the whole document, so
 * a follower swaps in a complete, validated registry at once and never sees half of a bulk import.
 *
 * @param revision    1, 2, … in the order the changes were made; a follower ignores a revision it has passed
 * @param publishedAt when the registry service published it (Unix ms)
 * @param changedBy   who made the change (a user name, or {@code import:<file>})
 * @param change      what changed, in words (e.g. {@code disable chg-0001-1})
 */
public record PublishedRegistry(long revision, long publishedAt, String changedBy, String change,
                                RegistryDocument document) {
}
