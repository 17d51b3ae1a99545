package io.anju.conformance.check;

import io.anju.common.model.Channel;
import io.anju.conformance.watch.Delivery;
import io.anju.conformance.watch.DeviceLog;
import io.anju.conformance.watch.Message;
import io.anju.conformance.watch.Rejected;
import io.anju.conformance.watch.SentCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * §3 command and command/reply: the kit sends every command the device's type supports and one it does not; each is
 * answered on {@code command/reply} with its own {@code id}, a valid {@code result} ({@code rejected} for the
 * unsupported one) within 10 minutes. A reply with an id the kit never sent is quarantined by the gateway as
 * {@code reply_to_unknown_command} (in a fresh sandbox: {@code reply_unverifiable}).
 */
public final class CommandRepliesCheck extends Check {
    private static final Set<String> RESULTS = Set.of("ok", "rejected", "failed");

    public CommandRepliesCheck() {
        super("command_replies", "3. Payloads (command and command/reply)");
    }

    @Override
    public Finding run(DeviceLog log) {
        if (log.commands().isEmpty()) {
            return notApplicable("the kit sent no command (the device was not back in time)");
        }
        List<Message> replies = log.on(Channel.COMMAND_REPLY);
        List<Rejected> unknown = log.rejected().stream().filter(Rejected::isUnknownReply).toList();
        List<String> evidence = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (SentCommand c : log.commands()) {
            Optional<Message> reply = replies.stream().filter(m -> c.id().equals(m.text("id"))).findFirst();
            List<Delivery> deliveries = log.deliveries().stream().filter(d -> c.id().equals(d.commandId())).toList();
            String outcomes = deliveries.stream().map(Delivery::outcome).collect(Collectors.joining(" → "));
            if (reply.isEmpty()) {
                failures.add(c.action() + ": no reply with its id (delivery: " + (outcomes.isEmpty() ? "none reported"
                        : outcomes) + ")");
                continue;
            }
            String result = reply.get().text("result");
            long deliveredAt = deliveries.stream().filter(d -> d.outcome().equals("delivered")).mapToLong(Delivery::at)
                    .map(log.scale()::deviceTime).findFirst().orElse(c.sentAt());
            double took = log.scale().realSpan(reply.get().receivedAt() - deliveredAt);
            evidence.add(c.action() + (c.supported() ? "" : " (unsupported)") + ": " + result + " in "
                    + Gaps.seconds(Math.max(0, took)) + " — " + reply.get().text("detail"));
            if (!RESULTS.contains(result)) {
                failures.add(c.action() + ": result '" + result + "' is not ok, rejected or failed");
            } else if (!c.supported() && !result.equals("rejected")) {
                failures.add(c.action() + ": answered '" + result + "' to an action a " + log.type().wireName()
                        + " does not support (expected rejected)");
            } else if (c.supported() && !result.equals("ok")) {
                warnings.add(c.action() + ": answered '" + result + "'");
            }
            if (took > Contract.REPLY_WITHIN_MS) {
                failures.add(c.action() + ": replied after " + Gaps.seconds(took) + " (within 10 min)");
            }
        }
        if (!unknown.isEmpty()) {
            failures.add(unknown.size() + " reply(ies) with an id the kit never sent, quarantined: "
                    + unknown.get(0).reason());
        }
        evidence.addAll(failures);
        evidence.addAll(warnings);
        if (!failures.isEmpty()) {
            return finding(Verdict.FAIL, failures.get(0), evidence);
        }
        if (!warnings.isEmpty()) {
            return finding(Verdict.WARN, "a supported command was not carried out", evidence);
        }
        return finding(Verdict.PASS, log.commands().size() + " command(s) answered with their own ids", evidence);
    }
}
