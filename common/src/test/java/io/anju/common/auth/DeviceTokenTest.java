package io.anju.common.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceTokenTest {
    private static final String DEVICE = "chg-0001-1";
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final long NOW = 1_764_000_000_000L;
    private static final long WINDOW = Duration.ofMinutes(5).toMillis();

    @Test
    void createsTheDocumentedFormat() {
        String token = DeviceToken.create(DEVICE, SECRET, NOW);
        assertThat(token).matches("hmac-sha256:" + NOW + ":[0-9a-f]{64}");
        assertThat(DeviceToken.looksLikeToken(token)).isTrue();
        assertThat(DeviceToken.looksLikeToken(SECRET)).isFalse();
    }

    @Test
    void acceptsATokenWithinFiveMinutesEitherWay() {
        assertThat(DeviceToken.verify(DEVICE, SECRET, DeviceToken.create(DEVICE, SECRET, NOW), NOW, WINDOW)).isTrue();
        assertThat(DeviceToken.verify(DEVICE, SECRET, DeviceToken.create(DEVICE, SECRET, NOW - WINDOW), NOW, WINDOW)).isTrue();
        assertThat(DeviceToken.verify(DEVICE, SECRET, DeviceToken.create(DEVICE, SECRET, NOW + WINDOW), NOW, WINDOW)).isTrue();
    }

    @Test
    void rejectsATokenOutsideTheWindow() {
        assertThat(DeviceToken.verify(DEVICE, SECRET, DeviceToken.create(DEVICE, SECRET, NOW - WINDOW - 1), NOW, WINDOW)).isFalse();
        assertThat(DeviceToken.verify(DEVICE, SECRET, DeviceToken.create(DEVICE, SECRET, NOW + WINDOW + 1), NOW, WINDOW)).isFalse();
    }

    @Test
    void rejectsATamperedToken() {
        String token = DeviceToken.create(DEVICE, SECRET, NOW);
        String otherTime = token.replace(":" + NOW + ":", ":" + (NOW + 1) + ":");
        char last = token.charAt(token.length() - 1);
        String otherSignature = token.substring(0, token.length() - 1) + (last == '0' ? '1' : '0');
        assertThat(DeviceToken.verify(DEVICE, SECRET, otherTime, NOW, WINDOW)).isFalse();
        assertThat(DeviceToken.verify(DEVICE, SECRET, otherSignature, NOW, WINDOW)).isFalse();
        assertThat(DeviceToken.verify("chg-0001-2", SECRET, token, NOW, WINDOW)).isFalse();
        assertThat(DeviceToken.verify(DEVICE, "ffffffffffffffffffffffffffffffff", token, NOW, WINDOW)).isFalse();
        assertThat(DeviceToken.verify(DEVICE, SECRET, "hmac-sha256:notanumber:abcd", NOW, WINDOW)).isFalse();
        assertThat(DeviceToken.verify(DEVICE, SECRET, "hmac-sha256:" + NOW + ":zz", NOW, WINDOW)).isFalse();
    }
}
