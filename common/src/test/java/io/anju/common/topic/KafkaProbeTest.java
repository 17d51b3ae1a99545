package io.anju.common.topic;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The probe against a cluster that is not there; against a real broker it is proven by the gateway's BackpressureIT. */
class KafkaProbeTest {

    @Test
    void aClusterThatNeverAnsweredIsDown_andSaysWhy() throws Exception {
        try (KafkaProbe probe = KafkaProbe.start(KafkaConnection.plain("127.0.0.1:" + freePort()), Duration.ofMillis(300),
                Duration.ofMillis(600))) {
            assertThat(probe.up()).isFalse();
            assertThat(probe.detail()).startsWith("down: ");
        }
    }

    @Test
    void aDownPeriodShorterThanTheIntervalIsRefused() {
        assertThatThrownBy(() -> KafkaProbe.start(KafkaConnection.plain("127.0.0.1:9092"), Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("downAfter ≥ interval");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
