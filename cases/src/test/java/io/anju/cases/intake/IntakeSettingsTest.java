package io.anju.cases.intake;

import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.Topics;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntakeSettingsTest {

    @Test
    void defaultsReadTheAlertTopicAsTheCasesGroup() {
        IntakeSettings s = IntakeSettings.defaults("127.0.0.1:9092");

        assertThat(s).isEqualTo(new IntakeSettings(KafkaConnection.plain("127.0.0.1:9092"), Topics.ALERTS, "anju-cases",
                Duration.ofMillis(500), Duration.ofSeconds(1), 500, 8, 5));
    }

    @Test
    void aBadSettingIsNamedWithItsValue() {
        IntakeSettings d = IntakeSettings.defaults("k:9092");

        assertThatThrownBy(() -> IntakeSettings.defaults(" "))
                .hasMessageContaining("kafka.bootstrap is required");
        assertThatThrownBy(() -> d.withTopic(""))
                .hasMessageContaining("intake.topic is required");
        assertThatThrownBy(() -> d.withGroupId(null))
                .hasMessageContaining("intake.groupId is required");
        assertThatThrownBy(() -> d.withRetryBackoff(Duration.ofMillis(1)))
                .hasMessage("intake.retryBackoff must be 10 ms–600000 ms (was PT0.001S)");
        assertThatThrownBy(() -> new IntakeSettings(KafkaConnection.plain("k:9092"), Topics.ALERTS, "g", Duration.ZERO, Duration.ofSeconds(1), 1, 1, 1))
                .hasMessageContaining("intake.pollTimeout must be");
        assertThatThrownBy(() -> new IntakeSettings(KafkaConnection.plain("k:9092"), Topics.ALERTS, "g", Duration.ofMillis(500),
                Duration.ofSeconds(1), 0, 1, 1))
                .hasMessage("intake.maxPollRecords must be 1–10000 (was 0)");
        assertThatThrownBy(() -> d.withConcurrency(0)).hasMessage("intake.concurrency must be 1–64 (was 0)");
        assertThatThrownBy(() -> d.withConcurrency(65)).hasMessage("intake.concurrency must be 1–64 (was 65)");
        assertThatThrownBy(() -> d.withMaxAttempts(0)).hasMessage("intake.maxAttempts must be 1–1000 (was 0)");
    }
}
