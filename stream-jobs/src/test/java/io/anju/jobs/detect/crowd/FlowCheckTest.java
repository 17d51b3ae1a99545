package io.anju.jobs.detect.crowd;

import org.junit.jupiter.api.Test;

import static io.anju.jobs.detect.crowd.CrowdFixtures.INTERVAL_S;
import static io.anju.jobs.detect.crowd.CrowdFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;

class FlowCheckTest {
    private final CrowdSettings settings = CrowdSettings.defaults();
    private final FlowCheck check = new FlowCheck();

    @Test
    void countsThatMatchTheirFlowsAreTrusted() {
        check.observe(step(0), 1000, 0, 0, INTERVAL_S, settings);
        for (int k = 1; k < 20; k++) {
            assertThat(check.observe(step(k), 1000 + 10 * k, 30, 20, INTERVAL_S, settings)).isFalse();
        }
        assertThat(check.streak).isZero();
    }

    @Test
    void threeDisagreeingReadingsInARowFlagTheCounter() {
        check.observe(step(0), 1000, 0, 0, INTERVAL_S, settings);
        // Count stays at 1,000 while 300 come in every 10 s: balance 1,300 vs count 1,000, beyond 20 % (260).
        assertThat(check.observe(step(1), 1000, 300, 0, INTERVAL_S, settings)).isFalse();
        assertThat(check.observe(step(2), 1000, 300, 0, INTERVAL_S, settings)).isFalse();
        assertThat(check.observe(step(3), 1000, 300, 0, INTERVAL_S, settings)).isTrue();
        assertThat(check.balance).isEqualTo(1300);
        assertThat(check.observe(step(4), 1000, 0, 0, INTERVAL_S, settings)).as("agrees again").isFalse();
    }

    @Test
    void disagreementWithinTheToleranceIsNoise() {
        check.observe(step(0), 1000, 0, 0, INTERVAL_S, settings);
        for (int k = 1; k < 10; k++) {
            // balance 1,250 vs 1,000: 250 <= 20 % of 1,250
            assertThat(check.observe(step(k), 1000, 250, 0, INTERVAL_S, settings)).isFalse();
        }
    }

    @Test
    void smallCountsNeedTheMinimumNumberOfPeople() {
        check.observe(step(0), 10, 0, 0, INTERVAL_S, settings);
        for (int k = 1; k < 10; k++) {
            // 15 vs 10 is 33 %, but only 5 people
            assertThat(check.observe(step(k), 10, 5, 0, INTERVAL_S, settings)).isFalse();
        }
    }

    @Test
    void aLostReadingIsNotCompared() {
        check.observe(step(0), 1000, 0, 0, INTERVAL_S, settings);
        check.observe(step(1), 1000, 300, 0, INTERVAL_S, settings);
        check.observe(step(2), 1000, 300, 0, INTERVAL_S, settings);
        // step 3 lost: step 4's crossings do not cover the time since step 2
        assertThat(check.observe(step(4), 1400, 20, 0, INTERVAL_S, settings)).isFalse();
        assertThat(check.streak).isEqualTo(2);
    }
}
