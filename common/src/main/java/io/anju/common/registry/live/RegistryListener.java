package io.anju.common.registry.live;

import io.anju.common.registry.Registry;

/** Told of each registry revision a follower swapped in, on the follower's thread; keep it short. */
@FunctionalInterface
public interface RegistryListener {
    void changed(Registry before, Registry after, PublishedRegistry revision);
}
