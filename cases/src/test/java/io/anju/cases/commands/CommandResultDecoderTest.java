package io.anju.cases.commands;

import io.anju.cases.model.Principal;
import io.anju.cases.text.CaseTexts;
import io.anju.common.text.Lang;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CommandResultDecoderTest {
    private final CommandResultDecoder decoder = new CommandResultDecoder();

    private CommandResultDecoder.Decoded decode(String json) {
        return decoder.decode("chg-0042-2", json.getBytes(StandardCharsets.UTF_8));
    }

    /** The entry's words as the case shows them to an English reader (the stored note is the Chinese of the same). */
    private static String note(CommandOutcome o) {
        return CaseTexts.entryNote(CommandOutcomes.EVENT_KIND, Principal.SYSTEM, null, o.data(), Lang.EN);
    }

    private CommandOutcome outcome(String json) {
        assertThat(decode(json)).isInstanceOf(CommandResultDecoder.Outcome.class);
        return ((CommandResultDecoder.Outcome) decode(json)).outcome();
    }

    @Test
    void readsTheGatewaysDeliveryReport_asDocumented() {
        CommandOutcome o = outcome("{\"kind\":\"delivery\",\"commandId\":\"c1\",\"alertId\":\"a1\",\"action\":\"stop_port\","
                + "\"deviceId\":\"chg-0042-2\",\"outcome\":\"timeout\",\"detail\":\"no PUBACK in 10 s\",\"gateway\":\"gw-2\","
                + "\"at\":1764378000210}");
        assertThat(o).isEqualTo(new CommandOutcome("delivery", "c1", "a1", "timeout", 0, "chg-0042-2", "stop_port",
                null, "no PUBACK in 10 s", null, "gw-2", 1764378000210L, null));
        assertThat(note(o.withPortOr(3))).isEqualTo("stop_port of port 3 not delivered (timeout): no PUBACK in 10 s");
        assertThat(o.noticeKind()).isNull();
    }

    @Test
    void readsTheJobsConfirmation_andSaysItInWords() {
        CommandOutcome o = outcome("{\"kind\":\"confirmation\",\"commandId\":\"c2\",\"alertId\":\"a1\",\"deviceId\":"
                + "\"chg-0042-2\",\"port\":3,\"outcome\":\"unconfirmed\",\"attempt\":1,\"at\":1764378012000}");
        assertThat(o.action()).isEqualTo("stop_port");
        assertThat(o.powerW()).as("no reading came").isNull();
        assertThat(note(o)).isEqualTo("stop_port of port 3 not confirmed after 1 attempt(s)");
        assertThat(o.noticeKind()).isEqualTo(CommandOutcome.NOTICE_KIND);
        assertThat(o.data()).containsEntry("attempt", 1).doesNotContainKey("powerW").doesNotContainKey("gateway");
    }

    @Test
    void readsTheConfirmationOfAPersonsStop_namingItsCase() {
        CommandOutcome o = outcome("{\"kind\":\"confirmation\",\"commandId\":\"c3\",\"deviceId\":\"chg-0042-2\","
                + "\"port\":3,\"outcome\":\"confirmed\",\"attempt\":1,\"powerW\":0.0,\"at\":1764378012000,"
                + "\"caseId\":42}");
        assertThat(o.caseId()).isEqualTo(42L);
        assertThat(o.alertId()).as("a case reported by hand has no alert").isNull();
        assertThat(note(o)).isEqualTo("stop_port of port 3 confirmed by readings (0 W)");
        CommandOutcome resumed = outcome("{\"kind\":\"confirmation\",\"commandId\":\"c3\",\"alertId\":\"a1\","
                + "\"deviceId\":\"chg-0042-2\",\"port\":3,\"outcome\":\"resumed\",\"attempt\":1,\"at\":5,\"caseId\":42,"
                + "\"detail\":\"resumed by resume_port r1 for case 42\"}");
        assertThat(note(resumed))
                .isEqualTo("stop_port of port 3 no longer watched: the port was resumed: resumed by resume_port r1 for case 42");
        assertThat(resumed.noticeKind()).isNull();
    }

    @Test
    void readsADevicesReplyEnvelope_whoseAlertComesFromItsCommand() {
        CommandOutcome o = outcome("{\"deviceId\":\"chg-0042-2\",\"channel\":\"command/reply\",\"ts\":5,\"gateway\":\"gw-1\","
                + "\"payload\":{\"id\":\"c1\",\"ts\":5,\"result\":\"rejected\",\"detail\":\"unsupported\"}}");
        assertThat(o.kind()).isEqualTo("reply");
        assertThat(o.alertId()).isNull();
        assertThat(note(o.forCommand("a1", null, "stop_port", null).withPortOr(3)))
                .isEqualTo("the device answered rejected to stop_port of port 3: unsupported");
        assertThat(note(o.forCommand(null, 42L, "stop_port", 4).withPortOr(3)))
                .as("a command of a case without alert: its request row names the port")
                .isEqualTo("the device answered rejected to stop_port of port 4: unsupported");
    }

    @Test
    void otherEnvelopesAreSkipped_andBrokenRecordsSayWhy() {
        assertThat(decode("{\"channel\":\"telemetry\",\"payload\":{}}")).isInstanceOf(CommandResultDecoder.Skipped.class);
        assertThat(decode("{not json")).isEqualTo(new CommandResultDecoder.Unreadable("not_json"));
        assertThat(decode("[1]")).isEqualTo(new CommandResultDecoder.Unreadable("not_object"));
        assertThat(decode("{\"kind\":\"order\"}")).isEqualTo(new CommandResultDecoder.Unreadable("bad_kind: order"));
        assertThat(decode("{\"kind\":\"delivery\",\"outcome\":\"held\"}"))
                .isEqualTo(new CommandResultDecoder.Unreadable("missing_field: commandId"));
        assertThat(decode("{\"kind\":\"confirmation\",\"commandId\":\"c\",\"outcome\":\"confirmed\"}"))
                .isEqualTo(new CommandResultDecoder.Unreadable("missing_field: attempt"));
        assertThat(decode("{\"channel\":\"command/reply\",\"payload\":{\"id\":\"c\"}}"))
                .isEqualTo(new CommandResultDecoder.Unreadable("missing_field: payload.result"));
    }
}
