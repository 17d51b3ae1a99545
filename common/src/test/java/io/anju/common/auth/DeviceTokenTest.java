package io.anju.common.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceTokenTest {
    private static final String DEVICE = "chg-0001-1";
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final long NOW = 1_764_000_000_000L;
    private static final long MAX_AGE = Duration.ofMinutes(5).toMillis();
    private static final long MAX_AHEAD = Duration.ofSeconds(30).toMillis();
    private static final DeviceToken.Window WINDOW = new DeviceToken.Window(MAX_AGE, MAX_AHEAD);

    private static boolean verifyAt(long tokenMs) {
        return DeviceToken.verify(DEVICE, SECRET, DeviceToken.create(DEVICE, SECRET, tokenMs), NOW, WINDOW);
    }

    @Test
    void createsTheDocumentedFormat() {
        String token = DeviceToken.create(DEVICE, SECRET, NOW);
        assertThat(token).matches("hmac-sha256:" + NOW + ":[0-9a-f]{64}");
        assertThat(DeviceToken.looksLikeToken(token)).isTrue();
        assertThat(DeviceToken.looksLikeToken(SECRET)).isFalse();
    }

    @Test
    void acceptsATokenUpToTheWindowOldAndUpToTheSkewAhead() {
        assertThat(verifyAt(NOW)).isTrue();
        assertThat(verifyAt(NOW - MAX_AGE)).isTrue();
        assertThat(verifyAt(NOW + MAX_AHEAD)).isTrue();
    }

    @Test
    void rejectsATokenOlderThanTheWindow() {
        assertThat(verifyAt(NOW - MAX_AGE - 1)).isFalse();
    }

    @Test
    void rejectsATokenDatedAheadByMoreThanTheSkew_evenWithinTheWindow() {
        // Accepted before: a token dated 5 minutes ahead stayed good for 10 minutes.
        assertThat(verifyAt(NOW + MAX_AHEAD + 1)).isFalse();
        assertThat(verifyAt(NOW + MAX_AGE)).isFalse();
    }

    @Test
    void verifiedTime_isTheTokensTime_onlyWhenTheTokenIsValid() {
        String token = DeviceToken.create(DEVICE, SECRET, NOW - 1_000);
        assertThat(DeviceToken.verifiedTime(DEVICE, SECRET, token, NOW, WINDOW)).hasValue(NOW - 1_000);
        assertThat(DeviceToken.verifiedTime(DEVICE, SECRET, token, NOW + MAX_AGE, WINDOW)).isEmpty();
        assertThat(DeviceToken.verifiedTime("chg-0001-2", SECRET, token, NOW, WINDOW)).isEmpty();
    }

    @Test
    void windowKnowsTheLastMomentATokenIsAdmitted() {
        long tokenMs = NOW + 10_000;
        long last = WINDOW.lastAdmittedAt(tokenMs);
        assertThat(WINDOW.admits(tokenMs, last)).isTrue();
        assertThat(WINDOW.admits(tokenMs, last + 1)).isFalse();
        assertThatThrownBy(() -> new DeviceToken.Window(-1, 0)).isInstanceOf(IllegalArgumentException.class);
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
