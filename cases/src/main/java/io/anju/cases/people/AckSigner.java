package io.anju.cases.people;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Makes and checks acknowledge links: {@code <ack.baseUrl>/api/v1/ack/<token>}, where the token is
 * {@code base64url("caseId:eventSeq:contact:expiresEpochSeconds") + "." + base64url(HMAC-SHA256(key, that text))}.
 * Only the signature is checked here; expiry, single use and the case's state are the {@link Acknowledger}'s.
 */
public final class AckSigner {
    public static final String PATH = "/api/v1/ack/";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key;
    private final Duration ttl;
    private final Supplier<String> baseUrl;

    /**
     * @param key     at least 32 bytes (setting {@code ack.keyFile})
     * @param ttl     how long a link works (setting {@code ack.ttl})
     * @param baseUrl where people reach the case service (setting {@code ack.baseUrl}), without a trailing slash
     */
    public AckSigner(byte[] key, Duration ttl, String baseUrl) {
        this(key, ttl, () -> baseUrl);
    }

    /** As above, with a base URL known only once the service listens (its own address on a port chosen at start). */
    public AckSigner(byte[] key, Duration ttl, Supplier<String> baseUrl) {
        if (key.length < 32) {
            throw new IllegalArgumentException("setting ack.keyFile: the key needs at least 32 bytes (has "
                    + key.length + ")");
        }
        this.key = key.clone();
        this.ttl = ttl;
        this.baseUrl = baseUrl;
    }

    /** A link for {@code contact} to acknowledge the case of the notice of {@code eventSeq}, issued at {@code now}. */
    public String url(long caseId, long eventSeq, String contact, Instant now) {
        String base = baseUrl.get();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + PATH
                + token(new AckLink(caseId, eventSeq, contact, now.plus(ttl)));
    }

    public String token(AckLink link) {
        String text = link.caseId() + ":" + link.eventSeq() + ":" + link.contact() + ":" + link.expires().getEpochSecond();
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        return B64.encodeToString(payload) + "." + B64.encodeToString(mac(payload));
    }

    /** The link a token stands for; refused with 403 when it was not signed with this key or was altered. */
    public AckLink verify(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0) {
            throw tampered();
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
            byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(mac(payload), signature)) {
                throw tampered();
            }
            String[] parts = new String(payload, StandardCharsets.UTF_8).split(":", -1);
            if (parts.length != 4) {
                throw tampered();
            }
            return new AckLink(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2],
                    Instant.ofEpochSecond(Long.parseLong(parts[3])));
        } catch (IllegalArgumentException e) {
            throw tampered();
        }
    }

    private static AckRefusedException tampered() {
        return new AckRefusedException(403, "this acknowledge link is not valid: it was altered or not issued by "
                + "this case service", "此确认链接无效：链接被改动过，或并非本系统发出");
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
