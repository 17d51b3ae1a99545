package io.anju.conformance.check;

import io.anju.conformance.watch.DeviceLog;
import io.anju.conformance.watch.Message;

import java.util.ArrayList;
import java.util.List;

/**
 * §3 status: a heartbeat every 90 s while connected (three missed count as offline). Fails on a silence longer than
 * 1.5 periods within a connection; the time between connections (the kit's forced drop) is not counted.
 */
public final class HeartbeatCheck extends Check {
    public HeartbeatCheck() {
        super("heartbeat", "3. Payloads (status)");
    }

    @Override
    public Finding run(DeviceLog log) {
        List<Long> beats = log.messages().stream().filter(Message::isOnlineStatus).map(Message::receivedAt).toList();
        long allowed = Gaps.allowed(Contract.HEARTBEAT_MS, log.scale());
        Gaps.Silence longest = Gaps.longest(log, beats);
        long connected = Gaps.connectedTime(log);
        List<String> evidence = new ArrayList<>();
        evidence.add(beats.size() + " status message(s) in " + Gaps.seconds(connected) + " connected (device time)");
        evidence.add("longest silence " + Gaps.seconds(longest.length()) + " (allowed " + Gaps.seconds(allowed)
                + ": 1.5 × 90 s)");
        if (longest.length() > allowed) {
            return finding(Verdict.FAIL, "heartbeat missing: no status for " + Gaps.seconds(longest.length()), evidence);
        }
        if (connected < 2 * Contract.HEARTBEAT_MS) {
            return finding(Verdict.WARN, "watched for less than two heartbeat periods", evidence);
        }
        return finding(Verdict.PASS, "status every 90 s", evidence);
    }
}
