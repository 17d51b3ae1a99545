package io.anju.conformance.watch;

import io.anju.common.diagnostics.DiagnosticEvent;
import io.anju.common.diagnostics.DiagnosticKind;
import io.anju.common.model.Channel;
import io.anju.common.model.DeviceType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything the kit saw of one device under test, fixed at the end of the watch: what each check reads. Times are on
 * {@link #scale} (the device's expected time); lists are in the order the gateway wrote them.
 *
 * @param watchStart when the watch began (the device's first connection, or the kit's start)
 * @param watchEnd   when the watch ended
 */
public record DeviceLog(String deviceId, DeviceType type, TimeScale scale, long watchStart, long watchEnd,
                        List<Message> messages, List<Rejected> rejected, List<DiagnosticEvent> diagnostics,
                        List<Delivery> deliveries, List<SentCommand> commands, KitActions kit) {

    public DeviceLog {
        messages = List.copyOf(messages);
        rejected = List.copyOf(rejected);
        diagnostics = List.copyOf(diagnostics);
        deliveries = List.copyOf(deliveries);
        commands = List.copyOf(commands);
    }

    public List<Message> on(Channel channel) {
        return messages.stream().filter(m -> m.channel() == channel).toList();
    }

    public List<DiagnosticEvent> diagnostics(DiagnosticKind kind) {
        return diagnostics.stream().filter(d -> d.kind() == kind).toList();
    }

    /** The protocol of the device's first accepted connection ({@code 3.1.1} or {@code 5}), if it connected. */
    public Optional<String> protocol() {
        return diagnostics(DiagnosticKind.CONNECTED).stream().map(DiagnosticEvent::protocol).findFirst();
    }

    /**
     * The device's connections as time spans, from each {@code connected} record to the {@code disconnected} that
     * follows it, or to the end of the watch.
     */
    public List<Span> connectedSpans() {
        List<DiagnosticEvent> edges = diagnostics.stream()
                .filter(d -> d.kind() == DiagnosticKind.CONNECTED || d.kind() == DiagnosticKind.DISCONNECTED)
                .sorted(Comparator.comparingLong(DiagnosticEvent::ts)).toList();
        List<Span> spans = new ArrayList<>();
        Long open = null;
        for (DiagnosticEvent d : edges) {
            if (d.kind() == DiagnosticKind.CONNECTED) {
                if (open != null) {
                    spans.add(new Span(open, d.ts()));     // taken over by its own newer connection
                }
                open = d.ts();
            } else if (open != null) {
                spans.add(new Span(open, d.ts()));
                open = null;
            }
        }
        if (open != null) {
            spans.add(new Span(open, Math.max(open, watchEnd)));
        }
        return spans;
    }

    /** The connection that was open at {@code t}: its index in {@link #connectedSpans()}, or -1. */
    public int spanAt(long t) {
        List<Span> spans = connectedSpans();
        for (int i = spans.size() - 1; i >= 0; i--) {
            if (t >= spans.get(i).from()) {
                return i;
            }
        }
        return -1;
    }

    /** A time span on the kit's scale. */
    public record Span(long from, long to) {
        public long length() {
            return to - from;
        }
    }
}
