package io.anju.conformance.check;

import io.anju.conformance.watch.DeviceLog;

import java.util.List;

/** Every check, in the order of the report. */
public final class Checks {
    public static final List<Check> ALL = List.of(new ConnectAuthCheck(), new TopicsCheck(), new SchemaCheck(),
            new UnitsCheck(), new HeartbeatCheck(), new TelemetryCadenceCheck(), new SequenceCheck(), new ClockCheck(),
            new WillCheck(), new ReconnectBackoffCheck(), new CommandRepliesCheck(), new SnapshotCheck(),
            new Mqtt5Check());

    private Checks() {
    }

    public static List<Finding> run(DeviceLog log) {
        return ALL.stream().map(c -> c.run(log)).toList();
    }
}
