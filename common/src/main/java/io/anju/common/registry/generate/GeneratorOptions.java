package io.anju.common.registry.generate;

/**
 * What to generate from.
 *
 * @param seed          drives the whole structure: names, layout, areas (same seed, same registry)
 * @param seededSecrets derive the device secrets from the seed too (reproducible tests only; default false,
 *                      secrets then come from {@link java.security.SecureRandom})
 */
public record GeneratorOptions(long seed, boolean seededSecrets) {
    public static GeneratorOptions of(long seed) {
        return new GeneratorOptions(seed, false);
    }
}
