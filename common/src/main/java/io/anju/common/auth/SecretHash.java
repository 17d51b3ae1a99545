package io.anju.common.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Random;

/**
 * Salted hashes of device secrets, in the form {@code sha256$<salt b64>$<hash b64>}.
 * Device secrets are 128-bit random values issued at provisioning, not human passwords, so a single
 * salted SHA-256 is enough against a stolen registry; a slow KDF would only make a district-wide
 * reconnect (tens of thousands of CONNECTs) cost minutes of CPU.
 */
public final class SecretHash {
    private static final String SCHEME = "sha256";
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private SecretHash() {
    }

    public static String hash(String secret, Random random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return SCHEME + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(digest(salt, secret));
    }

    public static String hash(String secret) {
        return hash(secret, new SecureRandom());
    }

    /** Constant-time check of a presented secret against a stored hash; false for a malformed hash. */
    public static boolean matches(String secret, String stored) {
        if (secret == null || stored == null) {
            return false;
        }
        String[] parts = stored.split("\\$");
        if (parts.length != 3 || !SCHEME.equals(parts[0])) {
            return false;
        }
        try {
            byte[] salt = B64D.decode(parts[1]);
            byte[] expected = B64D.decode(parts[2]);
            return MessageDigest.isEqual(expected, digest(salt, secret));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] digest(byte[] salt, String secret) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(salt);
            return md.digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }
}
