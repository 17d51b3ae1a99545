package io.anju.common.auth;

import io.anju.common.auth.SecretHash;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;

/**
 * Issues device secrets (128 bits, 32 hex characters) and their salted hashes. By default they come from
 * {@link SecureRandom}, so publishing a registry's seed reveals nothing; seeded secrets exist for reproducible tests.
 * The registry service (the case service's device API and {@code ./anju device}) issues with {@link #secure()}.
 */
public final class SecretIssuer {
    /** Mixed into the seed so seeded secrets are not the structure's random stream. */
    private static final long SECRET_STREAM = 0x5EC2E7_5EC2E7L;

    /** A freshly issued secret and the hash the registry keeps. */
    public record Issued(String secret, String hash) {
    }

    private final Random random;

    private SecretIssuer(Random random) {
        this.random = random;
    }

    public static SecretIssuer secure() {
        return new SecretIssuer(new SecureRandom());
    }

    /** Reproducible secrets, for generated test and demo registries only: anyone with the seed has them. */
    public static SecretIssuer seeded(long seed) {
        return new SecretIssuer(new Random(seed ^ SECRET_STREAM));
    }

    public Issued issue() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        return new Issued(secret, SecretHash.hash(secret, random));
    }
}
