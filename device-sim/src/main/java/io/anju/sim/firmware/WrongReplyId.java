package io.anju.sim.firmware;

import io.anju.sim.payload.Payloads;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** {@link FirmwareFlaw#WRONG_REPLY_ID}: a reply carries an id of its own, not the command's. */
final class WrongReplyId {
    private WrongReplyId() {
    }

    static Object rewrite(Object payload) {
        if (!(payload instanceof Payloads.CommandReply r)) {
            return payload;
        }
        // A UUID like the real one, derived from it so that a seeded run stays reproducible.
        String wrong = UUID.nameUUIDFromBytes(("reply to " + r.id()).getBytes(StandardCharsets.UTF_8)).toString();
        return new Payloads.CommandReply(wrong, r.ts(), r.seq(), r.result(), r.detail());
    }
}
