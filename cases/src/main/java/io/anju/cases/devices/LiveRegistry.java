package io.anju.cases.devices;

import io.anju.common.registry.Registry;

import java.util.function.Supplier;

/**
 * The registry revision the case service routes and checks with now: swapped whole when the store holds a newer one,
 * so a moved device's next alert routes to its new grid without a restart.
 */
public final class LiveRegistry implements Supplier<Registry> {
    private record InUse(long revision, Registry registry) {
    }

    private volatile InUse inUse;

    public LiveRegistry(long revision, Registry registry) {
        this.inUse = new InUse(revision, registry);
    }

    @Override
    public Registry get() {
        return inUse.registry();
    }

    /** The revision in use (0 for a registry that did not come from the store). */
    public long revision() {
        return inUse.revision();
    }

    /** Uses {@code registry} as {@code revision} unless a newer one is in use already; true when it swapped. */
    public synchronized boolean use(long revision, Registry registry) {
        if (revision <= inUse.revision()) {
            return false;
        }
        inUse = new InUse(revision, registry);
        return true;
    }
}
