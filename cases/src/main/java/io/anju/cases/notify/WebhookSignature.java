package io.anju.cases.notify;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Signs webhook requests the way Stripe and GitHub do, so a receiver can check a request came from Anju and was
 * not replayed later.
 * <p>Each request carries {@code X-Anju-Timestamp: <epoch seconds>} and
 * {@code X-Anju-Signature: sha256=<hex>}, where {@code <hex>} is the lower-case hex HMAC-SHA256, keyed with the
 * shared secret (UTF-8), of the bytes of {@code "<timestamp>.<body>"}: the timestamp header's text, a dot, and the
 * raw request body exactly as received. A receiver:
 * <ol>
 *   <li>recomputes the HMAC over the raw body (before any JSON parsing) and compares it in constant time;</li>
 *   <li>rejects a timestamp more than a few minutes from its own clock (replay window; {@link #verify} takes it);</li>
 *   <li>drops a repeat by the {@code Idempotency-Key} header: retries send the same key with a new timestamp.</li>
 * </ol>
 */
public final class WebhookSignature {
    public static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {
    }

    /** The {@code X-Anju-Signature} header value for {@code body} sent at {@code epochSeconds}. */
    public static String sign(String secret, long epochSeconds, String body) {
        return PREFIX + hex(secret, Long.toString(epochSeconds), body);
    }

    /**
     * What a receiver does: true when {@code signatureHeader} matches and {@code timestampHeader} is within
     * {@code tolerance} of {@code now}.
     */
    public static boolean verify(String secret, String signatureHeader, String timestampHeader, String body,
                                 Instant now, Duration tolerance) {
        if (signatureHeader == null || timestampHeader == null || !signatureHeader.startsWith(PREFIX)) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(timestampHeader);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - ts) > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = hex(secret, timestampHeader, body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signatureHeader.substring(PREFIX.length()).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    private static String hex(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
