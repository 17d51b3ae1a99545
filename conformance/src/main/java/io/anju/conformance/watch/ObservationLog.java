package io.anju.conformance.watch;

import io.anju.common.diagnostics.DiagnosticEvent;
import io.anju.common.diagnostics.DiagnosticKind;
import io.anju.common.model.Channel;
import io.anju.common.model.DeviceType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the kit sees while it watches, per device under test; filled by the topic watcher and the run script, read at
 * the end as one {@link DeviceLog} per device. Records of devices not under test are ignored. Thread-safe.
 */
public final class ObservationLog {
    private final TimeScale scale;
    private final Map<String, Recorder> devices = new LinkedHashMap<>();

    public ObservationLog(TimeScale scale, Map<String, DeviceType> underTest) {
        this.scale = scale;
        underTest.forEach((id, type) -> devices.put(id, new Recorder(type)));
    }

    public TimeScale scale() {
        return scale;
    }

    public Set<String> deviceIds() {
        return devices.keySet();
    }

    public void message(String deviceId, Message m) {
        with(deviceId, r -> {
            r.messages.add(m);
            r.perChannel.merge(m.channel(), 1, Integer::sum);
        });
    }

    public void rejected(String deviceId, Rejected q) {
        with(deviceId, r -> r.rejected.add(q));
    }

    public void diagnostic(DiagnosticEvent d) {
        with(d.deviceId(), r -> r.diagnostics.add(d));
    }

    public void delivery(String deviceId, Delivery d) {
        with(deviceId, r -> r.deliveries.add(d));
    }

    public void sent(String deviceId, SentCommand c) {
        with(deviceId, r -> r.commands.add(c));
    }

    public void kit(String deviceId, KitActions actions) {
        with(deviceId, r -> r.kit = actions);
    }

    public void watchStarted(String deviceId, long at) {
        with(deviceId, r -> r.watchStart = at);
    }

    /** Messages seen per channel so far, for the progress lines. */
    public Map<Channel, Integer> counts(String deviceId) {
        Recorder r = devices.get(deviceId);
        synchronized (r) {
            return new EnumMap<>(r.perChannel);
        }
    }

    /** Payloads quarantined so far. */
    public int rejectedCount(String deviceId) {
        Recorder r = devices.get(deviceId);
        synchronized (r) {
            return r.rejected.size();
        }
    }

    /** True when the gateway reported at least one accepted connection of the device. */
    public boolean connected(String deviceId) {
        Recorder r = devices.get(deviceId);
        synchronized (r) {
            return r.diagnostics.stream().anyMatch(d -> d.kind() == DiagnosticKind.CONNECTED);
        }
    }

    /** Whether every command sent to the device has been answered (a reply, or a reply quarantined as unknown). */
    public boolean commandsSettled(String deviceId) {
        Recorder r = devices.get(deviceId);
        synchronized (r) {
            long replies = r.messages.stream().filter(m -> m.channel() == Channel.COMMAND_REPLY).count()
                    + r.rejected.stream().filter(Rejected::isUnknownReply).count();
            return replies >= r.commands.size();
        }
    }

    /** The device's log as it stands, the watch ending at {@code watchEnd}. */
    public DeviceLog snapshot(String deviceId, long watchEnd) {
        Recorder r = devices.get(deviceId);
        synchronized (r) {
            return new DeviceLog(deviceId, r.type, scale, r.watchStart == null ? watchEnd : r.watchStart, watchEnd,
                    r.messages, r.rejected, r.diagnostics, r.deliveries, r.commands, r.kit);
        }
    }

    private void with(String deviceId, Consumer<Recorder> action) {
        Recorder r = deviceId == null ? null : devices.get(deviceId);
        if (r != null) {
            synchronized (r) {
                action.accept(r);
            }
        }
    }

    private static final class Recorder {
        final DeviceType type;
        final List<Message> messages = new ArrayList<>();
        final List<Rejected> rejected = new ArrayList<>();
        final List<DiagnosticEvent> diagnostics = new ArrayList<>();
        final List<Delivery> deliveries = new ArrayList<>();
        final List<SentCommand> commands = new ArrayList<>();
        final Map<Channel, Integer> perChannel = new EnumMap<>(Channel.class);
        KitActions kit = KitActions.NONE;
        Long watchStart;

        Recorder(DeviceType type) {
            this.type = type;
        }
    }
}
