package io.anju.conformance.check;

import io.anju.conformance.watch.DeviceLog;
import io.anju.conformance.watch.Rejected;

import java.util.ArrayList;
import java.util.List;

/**
 * §3 Payloads: every payload passes its channel's rules. Replies to unknown command ids are the command_replies
 * check's, not this one's.
 */
public final class SchemaCheck extends Check {
    public SchemaCheck() {
        super("schema", "3. Payloads");
    }

    @Override
    public Finding run(DeviceLog log) {
        List<Rejected> broken = log.rejected().stream().filter(r -> !r.isUnknownReply()).toList();
        List<String> evidence = new ArrayList<>();
        evidence.add(log.messages().size() + " payload(s) accepted, " + broken.size() + " quarantined");
        broken.stream().map(r -> r.channel() == null ? r.reason() : r.channel().wireName() + ": " + r.reason())
                .distinct().limit(5).forEach(r -> evidence.add("rule broken: " + r));
        if (!broken.isEmpty()) {
            return finding(Verdict.FAIL, broken.size() + " payload(s) broke the schema", evidence);
        }
        if (log.messages().isEmpty()) {
            return finding(Verdict.NOT_APPLICABLE, "no payload seen", evidence);
        }
        return finding(Verdict.PASS, "every payload valid", evidence);
    }
}
