package io.anju.sim.fault;

import io.anju.common.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClockFaultTest {
    private static final long START = Instant.parse("2026-11-28T09:30:00Z").toEpochMilli();
    private static final long DAY = 24 * 3_600_000L;
    private static final long Y2K = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();

    @Test
    void aClockADayAhead_stampsEveryPayloadADayLate_andLeavesTheRestAlone() throws Exception {
        ClockFault ahead = ClockFault.parse("chg-0001-1=ahead:24h", START);
        byte[] stamped = ahead.stamp("{\"ts\":1764322200000,\"seq\":7,\"ports\":[{\"no\":1}]}"
                .getBytes(StandardCharsets.UTF_8));

        var tree = Json.tree(stamped);
        assertThat(tree.get("ts").asLong()).isEqualTo(1764322200000L + DAY);
        assertThat(tree.get("seq").asLong()).isEqualTo(7);
        assertThat(tree.get("ports").get(0).get("no").asInt()).isEqualTo(1);
    }

    @Test
    void anRtcReset_keepsTrueTimeBeforeItAndRunsOnFrom2000After() {
        ClockFault reset = ClockFault.parse("cnt-01=reset:2000-01-01T00:00:00Z@30m", START);

        assertThat(reset.deviceTime(START + 29 * 60_000L)).isEqualTo(START + 29 * 60_000L);
        assertThat(reset.deviceTime(START + 30 * 60_000L)).isEqualTo(Y2K);
        assertThat(reset.deviceTime(START + 31 * 60_000L)).isEqualTo(Y2K + 60_000L);
    }

    @Test
    void aResetWithoutAMoment_isWrongFromTheStart() {
        assertThat(ClockFault.parse("g-1=reset:2000-01-01T00:00:00Z", START).deviceTime(START)).isEqualTo(Y2K);
    }

    @Test
    void aSnapshotCarriesNoTimeOfItsOwn_andIsSentAsItIs() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00};
        assertThat(ClockFault.parse("cam-1=behind:10m", START).stamp(jpeg)).isSameAs(jpeg);
    }

    @Test
    void aSpecThatIsNotOneOfTheForms_isRefusedNamingTheOption() {
        assertThatThrownBy(() -> ClockFault.parse("chg-0001-1=sideways:1h", START))
                .hasMessageContaining("--clock-fault chg-0001-1").hasMessageContaining("sideways");
        assertThatThrownBy(() -> ClockFault.parse("chg-0001-1", START)).hasMessageContaining("DEVICE=ahead:24h");
        assertThatThrownBy(() -> ClockFault.parse("chg-0001-1=reset:yesterday", START))
                .hasMessageContaining("not an instant");
    }
}
