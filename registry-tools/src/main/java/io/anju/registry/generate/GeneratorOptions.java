package io.anju.registry.generate;

import io.anju.common.config.Require;

/**
 * What to generate from.
 *
 * @param seed          drives the whole structure: names, layout, areas (same seed, same registry)
 * @param seededSecrets derive the device secrets from the seed too (reproducible tests only; default false,
 *                      secrets then come from {@link java.security.SecureRandom})
 * @param loadDevices   extra chargers {@code load-00001 …} for load tests and benchmarks (default 0), dealt over every
 *                      charger compound as the district's own are, so that every part of the platform can route them
 */
public record GeneratorOptions(long seed, boolean seededSecrets, int loadDevices) {
    public GeneratorOptions {
        Require.between("loadDevices", loadDevices, 0, 99_999);
    }

    public GeneratorOptions(long seed, boolean seededSecrets) {
        this(seed, seededSecrets, 0);
    }

    public static GeneratorOptions of(long seed) {
        return new GeneratorOptions(seed, false);
    }
}
