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
                .hasMessage("setting kafka.bootstrap = ' ': is required");
        assertThatThrownBy(() -> d.withTopic(""))
                .hasMessage("setting intake.topic = '': is required");
        assertThatThrownBy(() -> d.withGroupId(null))
                .hasMessage("setting intake.groupId = 'null': is required");
        assertThatThrownBy(() -> d.withRetryBackoff(Duration.ofMillis(1)))
                .hasMessage("setting intake.retryBackoff = '1ms': must be between 10ms and 10m");
        assertThatThrownBy(() -> new IntakeSettings(KafkaConnection.plain("k:9092"), Topics.ALERTS, "g", Duration.ZERO, Duration.ofSeconds(1), 1, 1, 1))
                .hasMessage("setting intake.pollTimeout = '0s': must be between 10ms and 1m");
        assertThatThrownBy(() -> new IntakeSettings(KafkaConnection.plain("k:9092"), Topics.ALERTS, "g", Duration.ofMillis(500),
                Duration.ofSeconds(1), 0, 1, 1))
                .hasMessage("setting intake.maxPollRecords = '0': must be between 1 and 10000");
        assertThatThrownBy(() -> d.withConcurrency(0)).hasMessage("setting intake.concurrency = '0': must be between 1 and 64");
        assertThatThrownBy(() -> d.withConcurrency(65)).hasMessage("setting intake.concurrency = '65': must be between 1 and 64");
        assertThatThrownBy(() -> d.withMaxAttempts(0)).hasMessage("setting intake.maxAttempts = '0': must be between 1 and 1000");
    }
}
