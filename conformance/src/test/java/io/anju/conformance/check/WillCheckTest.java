package io.anju.conformance.check;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WillCheckTest {
    private final WillCheck check = new WillCheck();

    @Test
    void offlineStatusAfterTheDrop_passes_noneFails() {
        LogBuilder dropped = LogBuilder.charger().connected(0).kit(10_000, 30_000).disconnected(10_000, "connection_lost");
        assertThat(check.run(dropped.until(60_000)).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(check.run(dropped.will(10_050, 0).until(60_000)).verdict()).isEqualTo(Verdict.PASS);
    }
}
