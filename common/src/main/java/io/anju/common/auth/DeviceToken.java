package io.anju.common.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Signed password tokens of device protocol v1:
 * {@code hmac-sha256:<unix-ms>:<hex(HMAC-SHA256(secret, "<deviceId>:<unix-ms>"))>}, accepted within a window
 * (±5 minutes by default) around the verifier's clock.
 */
public final class DeviceToken {
    public static final String PREFIX = "hmac-sha256:";

    private DeviceToken() {
    }

    public static boolean looksLikeToken(String password) {
        return password != null && password.startsWith(PREFIX);
    }

    public static String create(String deviceId, String secret, long unixMs) {
        return PREFIX + unixMs + ":" + HexFormat.of().formatHex(mac(secret, deviceId + ":" + unixMs));
    }

    /** Constant-time check of the signature, then of the time window. */
    public static boolean verify(String deviceId, String secret, String token, long nowMs, long windowMs) {
        if (!looksLikeToken(token) || secret == null) {
            return false;
        }
        String rest = token.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        long ts;
        byte[] presented;
        try {
            ts = Long.parseLong(rest.substring(0, colon));
            presented = HexFormat.of().parseHex(rest.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean signatureOk = MessageDigest.isEqual(presented, mac(secret, deviceId + ":" + ts));
        return signatureOk && Math.abs(nowMs - ts) <= windowMs;
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
