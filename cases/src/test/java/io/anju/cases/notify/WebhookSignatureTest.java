package io.anju.cases.notify;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {
    private static final String SECRET = "a-shared-secret-of-some-length";
    private static final String BODY = "{\"kind\":\"opened\",\"after\":{\"caseNo\":\"LH-20261129-000042\"}}";
    private static final Instant NOW = Instant.parse("2026-11-29T10:15:30Z");
    private static final Duration WINDOW = Duration.ofMinutes(5);

    @Test
    void matchesAnIndependentlyComputedHmacOfTimestampDotBody() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = java.util.HexFormat.of().formatHex(
                mac.doFinal(("1795947330." + BODY).getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(WebhookSignature.sign(SECRET, 1795947330L, BODY)).isEqualTo("sha256=" + expected);
    }

    @Test
    void aReceiverAcceptsTheSignedRequest() {
        long ts = NOW.getEpochSecond();
        String header = WebhookSignature.sign(SECRET, ts, BODY);

        assertThat(WebhookSignature.verify(SECRET, header, Long.toString(ts), BODY, NOW, WINDOW)).isTrue();
    }

    @Test
    void aReceiverRejectsAnAlteredBodyAWrongSecretOrAnOldTimestamp() {
        long ts = NOW.getEpochSecond();
        String header = WebhookSignature.sign(SECRET, ts, BODY);

        assertThat(WebhookSignature.verify(SECRET, header, Long.toString(ts), BODY.replace("opened", "escalated"), NOW, WINDOW))
                .as("altered body").isFalse();
        assertThat(WebhookSignature.verify("another-secret-of-16+", header, Long.toString(ts), BODY, NOW, WINDOW))
                .as("wrong secret").isFalse();
        assertThat(WebhookSignature.verify(SECRET, header, Long.toString(ts + 1), BODY, NOW, WINDOW))
                .as("timestamp header changed").isFalse();
        assertThat(WebhookSignature.verify(SECRET, header, Long.toString(ts), BODY, NOW.plus(Duration.ofMinutes(6)), WINDOW))
                .as("replayed after the window").isFalse();
        assertThat(WebhookSignature.verify(SECRET, header.substring("sha256=".length()), Long.toString(ts), BODY, NOW, WINDOW))
                .as("no scheme prefix").isFalse();
    }
}
