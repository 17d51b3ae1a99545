package io.anju.common.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.OptionalLong;

/**
 * Signed password tokens of device protocol v1:
 * {@code hmac-sha256:<unix-ms>:<hex(HMAC-SHA256(secret, "<deviceId>:<unix-ms>"))>}, accepted while its time is at
 * most {@link Window#maxAgeMs} behind the verifier's clock and at most {@link Window#maxAheadMs} ahead of it.
 */
public final class DeviceToken {
    public static final String PREFIX = "hmac-sha256:";

    /**
     * How far a token's time may be from the verifier's clock.
     *
     * @param maxAgeMs   how long a token stays good after the time it carries (the replay window)
     * @param maxAheadMs how far ahead of the verifier's clock a token's time may be (a device clock running fast); a
     *                   token dated further ahead would stay good for longer than {@code maxAgeMs}
     */
    public record Window(long maxAgeMs, long maxAheadMs) {
        public Window {
            if (maxAgeMs < 0 || maxAheadMs < 0) {
                throw new IllegalArgumentException("token window bounds must not be negative");
            }
        }

        public boolean admits(long tokenMs, long nowMs) {
            return tokenMs >= nowMs - maxAgeMs && tokenMs <= nowMs + maxAheadMs;
        }

        /** The last moment a token carrying {@code tokenMs} is admitted. */
        public long lastAdmittedAt(long tokenMs) {
            return tokenMs + maxAgeMs;
        }
    }

    private DeviceToken() {
    }

    public static boolean looksLikeToken(String password) {
        return password != null && password.startsWith(PREFIX);
    }

    public static String create(String deviceId, String secret, long unixMs) {
        return PREFIX + unixMs + ":" + HexFormat.of().formatHex(mac(secret, deviceId + ":" + unixMs));
    }

    /** Whether {@code token} is {@code deviceId}'s, signed with {@code secret}, and its time within {@code window}. */
    public static boolean verify(String deviceId, String secret, String token, long nowMs, Window window) {
        return verifiedTime(deviceId, secret, token, nowMs, window).isPresent();
    }

    /**
     * The time a valid token carries (what tells it apart from the device's other tokens), or empty when the token is
     * malformed, not signed with {@code secret} for {@code deviceId}, or its time is outside {@code window}. The
     * signature is compared in constant time before the time is looked at.
     */
    public static OptionalLong verifiedTime(String deviceId, String secret, String token, long nowMs, Window window) {
        if (!looksLikeToken(token) || secret == null) {
            return OptionalLong.empty();
        }
        String rest = token.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        if (colon <= 0) {
            return OptionalLong.empty();
        }
        long ts;
        byte[] presented;
        try {
            ts = Long.parseLong(rest.substring(0, colon));
            presented = HexFormat.of().parseHex(rest.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
        boolean signatureOk = MessageDigest.isEqual(presented, mac(secret, deviceId + ":" + ts));
        return signatureOk && window.admits(ts, nowMs) ? OptionalLong.of(ts) : OptionalLong.empty();
    }

    private static byte[] mac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from the JVM", e);
        }
    }
}
