package io.anju.gateway.validate;

import io.anju.common.json.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** A device's command reply passes only when it answers a command the node took or sent for that very device. */
class AwaitedRepliesTest {
    private static final long STARTED = 1_764_378_000_000L;
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final long AFTER_THE_FIRST_WINDOW = STARTED + WINDOW.toMillis();
    private static final String CHARGER = "chg-0001-1";
    private static final String OTHER = "chg-0002-1";
    private static final String COMMAND = "6f1c3a52-1b8e-4a57-9b8e-2f2d7b9f0c11";

    private final AtomicLong clock = new AtomicLong(STARTED);
    private final AwaitedReplies awaited = new AwaitedReplies(WINDOW, 100, clock::get);

    private Validation check(String deviceId, String commandId) {
        try {
            return awaited.check(deviceId, new Validation.Valid(
                    Json.tree(("{\"id\":\"" + commandId + "\",\"ts\":1,\"result\":\"ok\"}").getBytes())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String reason(Validation v) {
        assertThat(v).isInstanceOf(Validation.Invalid.class);
        return ((Validation.Invalid) v).reason();
    }

    @Test
    void aReplyToTheCommandSentToThatDevice_passes() {
        clock.set(AFTER_THE_FIRST_WINDOW);
        awaited.await(CHARGER, COMMAND);
        Validation reply = check(CHARGER, COMMAND);
        assertThat(reply.isValid()).isTrue();
    }

    @Test
    void aReplyToAnotherDevicesCommand_orToNoCommand_isInvalidNamingTheId() {
        clock.set(AFTER_THE_FIRST_WINDOW);
        awaited.await(CHARGER, COMMAND);
        assertThat(reason(check(OTHER, COMMAND)))
                .isEqualTo("reply_to_unknown_command: id '" + COMMAND + "' was not sent to this device");
        assertThat(reason(check(CHARGER, "made-up"))).isEqualTo("reply_to_unknown_command: id 'made-up' was not sent to this device");
        assertThat(reason(check(CHARGER, "x".repeat(500)))).as("a long id is shortened").hasSizeLessThan(120);
    }

    @Test
    void aReplyIsAwaitedForTheWindowAfterTheCommandWasLastTakenOrSent() {
        clock.set(AFTER_THE_FIRST_WINDOW);
        awaited.await(CHARGER, COMMAND);
        clock.addAndGet(WINDOW.toMillis() - 60_000);
        awaited.await(CHARGER, COMMAND);                    // held, then sent when the device came back
        clock.addAndGet(WINDOW.toMillis());
        assertThat(check(CHARGER, COMMAND).isValid()).isTrue();
        clock.addAndGet(1_001);
        assertThat(reason(check(CHARGER, COMMAND))).startsWith("reply_to_unknown_command: ");
    }

    @Test
    void withinTheWindowAfterStart_anUnknownReplyIsQuarantinedUnderAReasonOfItsOwn() {
        clock.set(STARTED + 42_000);
        assertThat(reason(check(CHARGER, COMMAND))).isEqualTo("reply_unverifiable: id '" + COMMAND
                + "' is unknown to this gateway node, which started 42 s ago and may have sent it before");
        awaited.await(CHARGER, COMMAND);
        assertThat(check(CHARGER, COMMAND).isValid()).isTrue();
    }

    @Test
    void beyondItsCapacity_theOldestIdsAreForgotten() {
        clock.set(AFTER_THE_FIRST_WINDOW);
        for (int i = 0; i < 100; i++) {
            awaited.await(CHARGER, "c-" + i);
            clock.addAndGet(1_000);
        }
        awaited.await(CHARGER, "c-100");
        assertThat(awaited.size()).isEqualTo(100);
        assertThat(check(CHARGER, "c-0").isValid()).isFalse();
        assertThat(check(CHARGER, "c-1").isValid()).isTrue();
        assertThat(check(CHARGER, "c-100").isValid()).isTrue();
    }
}
