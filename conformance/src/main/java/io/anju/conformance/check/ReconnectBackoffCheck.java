package io.anju.conformance.check;

import io.anju.common.diagnostics.DiagnosticEvent;
import io.anju.common.diagnostics.DiagnosticKind;
import io.anju.conformance.watch.DeviceLog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * §1 Refusals: reconnect with exponential back-off and random jitter, as the gateway bans a device that connects more
 * than 10 times a minute. The kit drops the device and refuses its reconnects for a while, then judges the attempts
 * (in real time) by two rules:
 * <ul>
 *   <li>more than 10 attempts within any 60 s fails: that device would be banned;</li>
 *   <li>with at least {@link #MIN_GAPS_FOR_GROWTH} waits between attempts, the waits must grow: it fails when none of
 *   the later waits is longer than {@link #GROWTH} × the first. Full jitter (each wait uniform in [0, base·2^n]) makes
 *   some waits short, so the rule asks only that one of them be long: for a correct device the chance that the 4 waits
 *   after the first all stay below 1.2 × the first is ∫₀¹ Π(1.2x/2ⁱ) dx ≈ 4·10⁻⁴, and fewer with more waits.</li>
 * </ul>
 */
public final class ReconnectBackoffCheck extends Check {
    static final int MIN_GAPS_FOR_GROWTH = 5;
    static final double GROWTH = 1.2;
    static final long MINUTE_MS = 60_000;

    public ReconnectBackoffCheck() {
        super("reconnect_backoff", "1. Connecting (Refusals: back-off)");
    }

    @Override
    public Finding run(DeviceLog log) {
        Long dropped = log.kit().droppedAt();
        if (dropped == null) {
            return notApplicable("the kit did not drop the connection");
        }
        List<DiagnosticEvent> refused = log.diagnostics(DiagnosticKind.REFUSED).stream()
                .filter(d -> KitRefusals.isKits(log, d)).toList();
        DiagnosticEvent back = log.diagnostics(DiagnosticKind.CONNECTED).stream()
                .filter(d -> d.ts() >= dropped).findFirst().orElse(null);
        List<Double> attempts = new ArrayList<>();    // real ms after the drop
        refused.forEach(d -> attempts.add(log.scale().realSpan(d.ts() - dropped)));
        if (back != null) {
            attempts.add(log.scale().realSpan(back.ts() - dropped));
        }
        attempts.sort(Double::compare);
        List<Double> gaps = new ArrayList<>();
        for (int i = 1; i < attempts.size(); i++) {
            gaps.add(attempts.get(i) - attempts.get(i - 1));
        }
        int perMinute = maxWithinAMinute(attempts);
        List<String> evidence = new ArrayList<>();
        evidence.add(refused.size() + " attempt(s) refused in the kit's window, then "
                + (back == null ? "no reconnect" : "reconnected " + Gaps.seconds(attempts.get(attempts.size() - 1))
                + " after the drop") + " (real time)");
        evidence.add("waits between attempts: " + (gaps.isEmpty() ? "none" : gaps.stream().limit(12)
                .map(g -> String.format(Locale.ROOT, "%.1f", g / 1000)).collect(Collectors.joining(", ")) + " s")
                + (gaps.size() > 12 ? " …" : ""));
        evidence.add("most attempts within 60 s: " + perMinute + " (the gateway bans above "
                + Contract.MAX_CONNECTS_PER_MINUTE + ")");
        if (perMinute > Contract.MAX_CONNECTS_PER_MINUTE) {
            return finding(Verdict.FAIL, perMinute + " attempts within a minute: no back-off, the gateway would ban it",
                    evidence);
        }
        if (gaps.size() >= MIN_GAPS_FOR_GROWTH
                && gaps.subList(1, gaps.size()).stream().allMatch(g -> g <= GROWTH * gaps.get(0))) {
            return finding(Verdict.FAIL, "the waits between attempts did not grow (no exponential back-off)", evidence);
        }
        if (back == null) {
            return finding(Verdict.FAIL, "the device did not reconnect after the kit let it in again", evidence);
        }
        return finding(Verdict.PASS, "backed off and reconnected", evidence);
    }

    private static int maxWithinAMinute(List<Double> sorted) {
        int most = 0;
        int from = 0;
        for (int to = 0; to < sorted.size(); to++) {
            while (sorted.get(to) - sorted.get(from) >= MINUTE_MS) {
                from++;
            }
            most = Math.max(most, to - from + 1);
        }
        return most;
    }
}
