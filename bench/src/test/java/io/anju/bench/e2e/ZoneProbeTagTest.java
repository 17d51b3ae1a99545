package io.anju.bench.e2e;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ZoneProbeTagTest {

    @Test
    void theTagIsReadBackFromWhatTheZoneEventShows() {
        // tag 437: count 10 + 37 = 47, inCount 8 → the dashboards show 8 persons per 10 s as 48 per minute.
        assertThat(ZoneProbe.tag(47, 48.0)).isEqualTo(437);
        assertThat(ZoneProbe.tag(10, 0.0)).isZero();
        assertThat(ZoneProbe.tag(59, 19 * 6.0)).isEqualTo(ZoneProbe.TAGS - 1);
    }

    @Test
    void readingsOfOtherCountersAreNoTag() {
        assertThat(ZoneProbe.tag(300, 12.0)).isEqualTo(-1);
        assertThat(ZoneProbe.tag(20, 20 * 6.0)).isEqualTo(-1);
    }
}
