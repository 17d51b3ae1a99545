package io.anju.cases.people;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AckSignerTest {
    static final Instant NOW = Instant.parse("2026-12-07T02:00:00Z");

    static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    final AckSigner signer = new AckSigner(key(1), Duration.ofHours(2), "https://cases.example.org/");

    @Test
    void aLinkCarriesCaseNoticeContactAndExpiry() {
        String url = signer.url(42, 1007, "wang.li", NOW);

        assertThat(url).startsWith("https://cases.example.org/api/v1/ack/");
        AckLink link = signer.verify(url.substring(url.lastIndexOf('/') + 1));
        assertThat(link).isEqualTo(new AckLink(42, 1007, "wang.li", NOW.plus(Duration.ofHours(2))));
    }

    @Test
    void aChangedPayloadIsRefusedAsNotValid() {
        String token = signer.token(new AckLink(42, 1007, "wang.li", NOW));
        String otherCase = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("43:1007:wang.li:" + NOW.getEpochSecond()).getBytes(StandardCharsets.UTF_8));
        String forged = otherCase + token.substring(token.indexOf('.'));

        assertThatThrownBy(() -> signer.verify(forged))
                .isInstanceOfSatisfying(AckRefusedException.class, e -> assertThat(e.status()).isEqualTo(403))
                .hasMessageContaining("not valid");
    }

    @Test
    void aLinkSignedWithAnotherKeyOrMangledIsRefused() {
        String foreign = new AckSigner(key(2), Duration.ofHours(2), "https://x.example").token(
                new AckLink(42, 1007, "wang.li", NOW));

        assertThatThrownBy(() -> signer.verify(foreign)).isInstanceOf(AckRefusedException.class);
        assertThatThrownBy(() -> signer.verify("no-dot-here")).isInstanceOf(AckRefusedException.class);
        assertThatThrownBy(() -> signer.verify("%%%.!!!")).isInstanceOf(AckRefusedException.class);
    }

    @Test
    void aShortKeyIsRefusedAtStartNamingTheSetting() {
        assertThatThrownBy(() -> new AckSigner(new byte[16], Duration.ofHours(1), "http://localhost:8081"))
                .hasMessageContaining("ack.keyFile");
    }
}
