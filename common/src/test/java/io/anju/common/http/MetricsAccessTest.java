package io.anju.common.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsAccessTest {
    private static final String TOKEN = "0123456789abcdef-scrape";

    @Test
    void withoutATokenOnlyLoopbackCallersMayRead() {
        MetricsAccess access = MetricsAccess.of("");
        assertThat(access.refusal("127.0.0.1", null)).isEmpty();
        assertThat(access.refusal("0:0:0:0:0:0:0:1", null)).isEmpty();
        assertThat(access.refusal("10.1.2.3", null)).isPresent();
        assertThat(access.refusal("192.168.0.9", "Bearer anything")).isPresent();
        assertThat(access.refusal("localhost.evil.example", null)).as("names are never resolved").isPresent();
    }

    @Test
    void withATokenEveryCallerMustSendIt() {
        MetricsAccess access = MetricsAccess.of(TOKEN);
        assertThat(access.refusal("10.1.2.3", "Bearer " + TOKEN)).isEmpty();
        assertThat(access.refusal("127.0.0.1", null)).as("loopback too: a local proxy must not open it").isPresent();
        assertThat(access.refusal("127.0.0.1", "Bearer wrong-token-0000000")).isPresent();
    }

    @Test
    void aShortTokenIsRefusedAtStart() {
        assertThatThrownBy(() -> MetricsAccess.of("short")).hasMessageContaining("metrics.token");
    }
}
