package io.anju.dashboards.registry;

import io.anju.common.registry.Registry;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A value worked out from the registry in use (a layout, an index), worked out again only when another registry
 * comes into use: cached on the {@link Registry} instance, so a request pays for it once per revision, not each time.
 * Two threads that see a new registry at once may both work it out; either result is the same.
 */
public final class PerRevision<T> implements Supplier<T> {
    private final Supplier<Registry> registry;
    private final Function<Registry, T> derive;
    private volatile Derived<T> last;

    private record Derived<T>(Registry from, T value) {
    }

    public PerRevision(Supplier<Registry> registry, Function<Registry, T> derive) {
        this.registry = registry;
        this.derive = derive;
    }

    @Override
    public T get() {
        Registry now = registry.get();
        Derived<T> d = last;
        if (d == null || d.from() != now) {
            d = new Derived<>(now, derive.apply(now));
            last = d;
        }
        return d.value();
    }
}
