package io.anju.conformance.check;

import io.anju.common.model.Channel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceCheckTest {
    private final SequenceCheck check = new SequenceCheck();

    @Test
    void onePerMessage_restartAfterReconnect_andWrap_pass() {
        LogBuilder log = LogBuilder.charger().connected(0).seq(2_147_483_646L).status(1).status(2).status(3).status(4)
                .disconnected(4, "connection_lost").will(5, 0).connected(10).seq(0).status(11).status(12);
        Finding f = check.run(log.until(20));
        assertThat(f.verdict()).as(f.evidence().toString()).isEqualTo(Verdict.PASS);
        assertThat(f.evidence()).anyMatch(e -> e.contains("restarted after reconnect"));
    }

    @Test
    void aNumberSkippedWithinAConnection_fails() {
        LogBuilder log = LogBuilder.charger().connected(0).status(1).seq(5).status(2);
        Finding f = check.run(log.until(10));
        assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(f.evidence()).anyMatch(e -> e.contains("jumped from 0 to 5"));
    }

    @Test
    void aQuarantinedPayload_usedUpItsNumber() {
        LogBuilder log = LogBuilder.charger().connected(0).status(1).seq(2).status(3)
                .rejected(2, Channel.COMMAND_REPLY, "reply_unverifiable: id 'x'", "{\"id\":\"x\",\"seq\":1}");
        assertThat(check.run(log.until(10)).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aRepeatedNumber_fails() {
        LogBuilder log = LogBuilder.charger().connected(0).status(1).seq(0).status(2);
        assertThat(check.run(log.until(10)).verdict()).isEqualTo(Verdict.FAIL);
    }
}
