package io.anju.conformance.check;

import io.anju.common.diagnostics.DiagnosticEvent;
import io.anju.common.diagnostics.DiagnosticKind;
import io.anju.common.topic.MqttTopics;
import io.anju.conformance.watch.DeviceLog;

import java.util.ArrayList;
import java.util.List;

/**
 * §2 Topics: the device publishes only under its own prefix and subscribes to its command topic (seen as commands
 * delivered). A SUBSCRIBE to another topic is refused in the SUBACK without a diagnostic record: the kit cannot see it.
 */
public final class TopicsCheck extends Check {
    public TopicsCheck() {
        super("topics", "2. Topics");
    }

    @Override
    public Finding run(DeviceLog log) {
        List<DiagnosticEvent> refused = log.diagnostics(DiagnosticKind.PUBLISH_REFUSED);
        List<String> evidence = new ArrayList<>();
        refused.stream().map(DiagnosticEvent::topic).distinct().limit(5)
                .forEach(t -> evidence.add("PUBLISH refused on '" + t + "', not the device's own topic"));
        String commandTopic = MqttTopics.command(log.type(), log.deviceId());
        long delivered = log.deliveries().stream().filter(d -> d.outcome().equals("delivered")).count();
        if (!log.commands().isEmpty()) {
            evidence.add(delivered + " of " + log.commands().size() + " command(s) delivered on " + commandTopic);
        }
        if (!refused.isEmpty()) {
            return finding(Verdict.FAIL, refused.size() + " PUBLISH(es) outside anju/v1/" + log.type().wireName() + "/"
                    + log.deviceId() + "/", evidence);
        }
        if (!log.commands().isEmpty() && delivered == 0) {
            return finding(Verdict.FAIL, "no command was delivered: the device did not subscribe to " + commandTopic,
                    evidence);
        }
        evidence.add(log.messages().size() + " message(s) on the device's own topics");
        return finding(Verdict.PASS, "own topics only", evidence);
    }
}
