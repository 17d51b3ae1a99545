package io.anju.jobs.time;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ClockRuleTest {
    private static final long RECEIVED = 1_764_378_000_000L;
    private final ClockRule rule = new ClockRule(Duration.ofSeconds(30));

    @Test
    void withinTheTolerance_eitherWay_theDevicesOwnTimeCounts() {
        assertThat(rule.eventTime(RECEIVED - 30_000, RECEIVED)).isEqualTo(RECEIVED - 30_000);
        assertThat(rule.eventTime(RECEIVED + 30_000, RECEIVED)).isEqualTo(RECEIVED + 30_000);
    }

    @Test
    void beyondIt_eitherWay_theReceiveTimeCounts() {
        assertThat(rule.eventTime(RECEIVED - 30_001, RECEIVED)).isEqualTo(RECEIVED);
        assertThat(rule.eventTime(RECEIVED + 86_400_000, RECEIVED)).isEqualTo(RECEIVED);
        assertThat(rule.eventTime(946_684_800_000L, RECEIVED)).as("an RTC reset to 2000-01-01").isEqualTo(RECEIVED);
    }

    @Test
    void withoutAReceiveTime_theDevicesTimeIsAllThereIs() {
        assertThat(rule.eventTime(5, 0)).isEqualTo(5);
    }
}
