package io.anju.conformance.check;

import io.anju.conformance.watch.DeviceLog;
import io.anju.conformance.watch.Message;
import io.anju.conformance.watch.Rejected;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * §3 Payloads, {@code seq}: one more per message, wrapping at 2^31. Judged within each connection, quarantined
 * payloads included (they used up their number too), the Will left out (a device builds it when it connects). Across
 * a reconnect the counter may go on or restart: the kit reports which. Messages of one connection may arrive slightly
 * out of order (a reply sent from another thread); only a missing or repeated number fails.
 */
public final class SequenceCheck extends Check {
    public SequenceCheck() {
        super("sequence", "3. Payloads (seq)");
    }

    @Override
    public Finding run(DeviceLog log) {
        Map<Integer, List<Long>> byConnection = new TreeMap<>();
        for (Message m : log.messages()) {
            if (m.seq() != null && !m.isOfflineStatus()) {
                byConnection.computeIfAbsent(log.spanAt(m.receivedAt()), k -> new ArrayList<>()).add(m.seq());
            }
        }
        for (Rejected r : log.rejected()) {
            Long seq = r.seq();
            if (seq != null) {
                byConnection.computeIfAbsent(log.spanAt(r.receivedAt()), k -> new ArrayList<>()).add(seq);
            }
        }
        if (byConnection.isEmpty()) {
            return notApplicable("no message with a seq seen");
        }
        List<String> evidence = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Long lastOfPrevious = null;
        for (Map.Entry<Integer, List<Long>> e : byConnection.entrySet()) {
            List<Long> arrived = e.getValue();
            long first = arrived.get(0);
            List<Long> unwrapped = arrived.stream().map(s -> unwrap(first, s)).sorted().toList();
            String connection = "connection " + (e.getKey() + 1);
            arrived.stream().filter(s -> s < 0 || s >= Contract.SEQ_MODULUS).findFirst()
                    .ifPresent(s -> problems.add(connection + ": seq " + s + " outside 0 … 2147483647"));
            for (int i = 1; i < unwrapped.size(); i++) {
                long step = unwrapped.get(i) - unwrapped.get(i - 1);
                if (step == 0) {
                    problems.add(connection + ": seq " + wrap(unwrapped.get(i)) + " sent twice");
                } else if (step > 1) {
                    problems.add(connection + ": seq jumped from " + wrap(unwrapped.get(i - 1)) + " to "
                            + wrap(unwrapped.get(i)));
                }
            }
            long low = wrap(unwrapped.get(0));
            if (lastOfPrevious != null) {
                evidence.add(connection + " starts at seq " + low + (low == (lastOfPrevious + 1) % Contract.SEQ_MODULUS
                        ? " (continued)" : low < lastOfPrevious ? " (restarted after reconnect)" : " (went on after a gap)"));
            }
            lastOfPrevious = wrap(unwrapped.get(unwrapped.size() - 1));
            evidence.add(connection + ": " + arrived.size() + " message(s), seq " + low + " … " + lastOfPrevious);
        }
        problems.stream().limit(5).forEach(evidence::add);
        if (!problems.isEmpty()) {
            return finding(Verdict.FAIL, problems.size() + " break(s) in seq within a connection", evidence);
        }
        return finding(Verdict.PASS, "seq one more per message", evidence);
    }

    /** {@code seq} on a line through {@code first}: a counter that wrapped reads as going on past 2^31. */
    private static long unwrap(long first, long seq) {
        long d = Math.floorMod(seq - first, Contract.SEQ_MODULUS);
        return first + (d > Contract.SEQ_MODULUS / 2 ? d - Contract.SEQ_MODULUS : d);
    }

    private static long wrap(long seq) {
        return Math.floorMod(seq, Contract.SEQ_MODULUS);
    }
}
