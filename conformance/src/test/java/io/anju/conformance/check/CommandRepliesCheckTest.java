package io.anju.conformance.check;

import io.anju.common.model.Channel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandRepliesCheckTest {
    private final CommandRepliesCheck check = new CommandRepliesCheck();

    private static LogBuilder sent() {
        return LogBuilder.charger().connected(0).sent("c1", "stop_port", true, 1_000).sent("c2", "open_gate", false, 1_000)
                .delivery("c1", "delivered", 1_100).delivery("c2", "delivered", 1_100);
    }

    @Test
    void eachAnsweredWithItsOwnId_unsupportedRejected_passes() {
        Finding f = check.run(sent().reply("c1", "ok", 1_500).reply("c2", "rejected", 1_600).until(10_000));
        assertThat(f.verdict()).as(f.evidence().toString()).isEqualTo(Verdict.PASS);
    }

    @Test
    void repliesWithAnotherId_fail_quotingTheQuarantine() {
        LogBuilder log = sent()
                .rejected(1_500, Channel.COMMAND_REPLY, "reply_to_unknown_command: id 'zz' was not sent to this device", null)
                .rejected(1_600, Channel.COMMAND_REPLY, "reply_to_unknown_command: id 'zy' was not sent to this device", null);
        Finding f = check.run(log.until(10_000));
        assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(f.evidence()).anyMatch(e -> e.contains("reply_to_unknown_command"));
        assertThat(f.evidence()).anyMatch(e -> e.startsWith("stop_port: no reply with its id"));
    }

    @Test
    void anUnsupportedActionAnsweredOk_fails() {
        Finding f = check.run(sent().reply("c1", "ok", 1_500).reply("c2", "ok", 1_600).until(10_000));
        assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(f.summary()).contains("expected rejected");
    }
}
