package io.anju.conformance.check;

import io.anju.common.model.Channel;
import io.anju.conformance.watch.DeviceLog;
import io.anju.conformance.watch.Message;

import java.util.ArrayList;
import java.util.List;

/**
 * §3 Payloads, {@code ts}: the device's clock against the gateway's receive time (with {@code --speed}, against the
 * simulated clock the kit predicts). Fails beyond the gateway's 5-minute flag, warns beyond 30 s. The Will is left out:
 * a device stamps it when it connects.
 */
public final class ClockCheck extends Check {
    public ClockCheck() {
        super("clock", "3. Payloads (ts)");
    }

    @Override
    public Finding run(DeviceLog log) {
        List<Message> stamped = log.messages().stream()
                .filter(m -> m.channel() != Channel.SNAPSHOT && !m.isOfflineStatus()).toList();
        List<Long> offsets = stamped.stream().map(m -> m.ts() - m.receivedAt()).sorted().toList();
        if (offsets.isEmpty()) {
            return notApplicable("no timestamped message seen");
        }
        long median = offsets.get(offsets.size() / 2);
        long worst = Math.abs(offsets.get(0)) > Math.abs(offsets.get(offsets.size() - 1))
                ? offsets.get(0) : offsets.get(offsets.size() - 1);
        long flagged = stamped.stream().filter(Message::clockSkewed).count();
        List<String> evidence = new ArrayList<>();
        evidence.add(offsets.size() + " message(s): ts − receive time median " + signed(median) + ", worst "
                + signed(worst) + (log.scale().speed() == 1 ? "" : " (device time at ×" + log.scale().speed() + ")"));
        if (flagged > 0) {
            evidence.add(flagged + " message(s) flagged clockSkewed by the gateway");
        }
        if (Math.abs(worst) > Contract.CLOCK_FAIL_MS || flagged > 0) {
            return finding(Verdict.FAIL, "clock off by " + signed(worst) + " (more than 5 min)", evidence);
        }
        if (Math.abs(worst) > Contract.CLOCK_WARN_MS) {
            return finding(Verdict.WARN, "clock off by " + signed(worst) + " (more than 30 s): is NTP set?", evidence);
        }
        return finding(Verdict.PASS, "clock right", evidence);
    }

    private static String signed(long ms) {
        return (ms >= 0 ? "+" : "−") + Gaps.seconds(Math.abs(ms));
    }
}
