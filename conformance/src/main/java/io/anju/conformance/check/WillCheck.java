package io.anju.conformance.check;

import io.anju.common.model.Channel;
import io.anju.conformance.watch.DeviceLog;
import io.anju.conformance.watch.Message;
import io.anju.conformance.watch.Rejected;

import java.util.ArrayList;
import java.util.List;

/**
 * §3 status, the Will: a device sets an {@code offline} status as its Will on its own status topic; when the kit drops
 * the connection without DISCONNECT, the gateway publishes it, and it must be a valid status payload.
 */
public final class WillCheck extends Check {
    public WillCheck() {
        super("will", "3. Payloads (status, Will)");
    }

    @Override
    public Finding run(DeviceLog log) {
        Long dropped = log.kit().droppedAt();
        if (dropped == null) {
            return notApplicable("the kit did not drop the connection (was it ever connected?)");
        }
        long until = dropped + log.scale().deviceSpan(Contract.WILL_WITHIN_REAL_MS);
        List<Message> wills = log.messages().stream()
                .filter(m -> m.isOfflineStatus() && m.receivedAt() >= dropped && m.receivedAt() <= until).toList();
        List<Rejected> rejected = log.rejected().stream().filter(r -> r.channel() == Channel.STATUS
                && r.receivedAt() >= dropped && r.receivedAt() <= until).toList();
        List<String> evidence = new ArrayList<>();
        wills.stream().limit(1).forEach(m -> evidence.add("Will published " + Gaps.seconds(m.receivedAt() - dropped)
                + " after the drop: " + m.payload()));
        rejected.stream().limit(2).forEach(r -> evidence.add("status quarantined after the drop: " + r.reason()
                + (r.payloadText() == null ? "" : " — " + r.payloadText())));
        if (!wills.isEmpty()) {
            return finding(Verdict.PASS, "Will published as an offline status", evidence);
        }
        if (!rejected.isEmpty()) {
            return finding(Verdict.FAIL, "the Will is not a valid status payload", evidence);
        }
        evidence.add("no offline status on anju.status within " + Gaps.seconds(Contract.WILL_WITHIN_REAL_MS)
                + " (real time) of the drop");
        return finding(Verdict.FAIL, "no Will: set an offline status on your status topic as the Will", evidence);
    }
}
